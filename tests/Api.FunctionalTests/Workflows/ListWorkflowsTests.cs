using System.Net;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows</summary>
public sealed class ListWorkflowsTests
{
    private static readonly string[] SummaryFields =
    [
        "id", "uuid", "name", "description", "ownerId", "agentId", "startTaskId", "taskCount", "archived",
        "permissions", "createdAt", "updatedAt",
    ];

    [Test]
    public async Task List_ReturnsItemsAndNextCursor_WithEachWorkflowsSummary()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = await response.ReadJsonDocumentAsync();
        Assert.That(json.RootElement.PropertyNames(), Is.EquivalentTo(new[] { "items", "nextCursor" }));
        Assert.That(json.RootElement.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(json.RootElement.GetProperty("items")[0].PropertyNames(), Is.EquivalentTo(SummaryFields));
        var page = await response.ReadAsync<Page<WorkflowSummaryResponse>>();
        var item = page.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(item.Id, Is.EqualTo(workflow.Id));
            Assert.That(item.Uuid, Is.EqualTo(workflow.Uuid));
            Assert.That(item.Name, Is.EqualTo(workflow.Name));
            Assert.That(item.OwnerId, Is.EqualTo(ws.Admin.MemberId));
            Assert.That(item.StartTaskId, Is.EqualTo(a.Id));
            Assert.That(item.TaskCount, Is.EqualTo(3));
            Assert.That(item.Archived, Is.False);
            Assert.That(item.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
        });
    }

    [Test]
    public async Task List_OfAnEmptyWorkspace_ReturnsNoItemsAndNoCursor()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"items":[],"nextCursor":null}"""));
    }

    [Test]
    public async Task List_ByGuest_ShowsOnlyWorkflowsWhosePolicyGrantsGuestsUse()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync();
        var usable = await ws.CreateWorkflowWithAccessAsync("guest", "use");
        var editable = await ws.CreateWorkflowWithAccessAsync("guest", "edit");
        await ws.CreateWorkflowWithAccessAsync("member", "edit");

        var page = await ws.ListWorkflowsAsync(ws.Guest);

        Assert.That(page.Items.Select(w => w.Id), Is.EqualTo(new[] { usable.Id, editable.Id }));
        Assert.That(page.Items.Select(w => w.Permissions), Is.EqualTo(new[] { new PermissionsResponse(true, false), new PermissionsResponse(true, true) }));
    }

    [Test]
    public async Task List_ByMember_ShowsEveryWorkflow_WithTheMembersPermissions()
    {
        var ws = await TestWorkspace.CreateAsync();
        var plain = await ws.CreateWorkflowAsync();
        var editable = await ws.CreateWorkflowWithAccessAsync("member", "edit");
        var guestsOnly = await ws.CreateWorkflowWithAccessAsync("guest", "use");

        var page = await ws.ListWorkflowsAsync(ws.Member);

        Assert.That(page.Items.Select(w => (w.Id, w.Permissions)), Is.EqualTo(new[]
        {
            (plain.Id, new PermissionsResponse(true, false)),
            (editable.Id, new PermissionsResponse(true, true)),
            (guestsOnly.Id, new PermissionsResponse(true, false)),
        }));
    }

    [Test]
    public async Task List_HidesArchivedWorkflowsByDefault_AndArchivedTrueListsOnlyThem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var active = await ws.CreateWorkflowAsync();
        var archived = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(archived.Id);

        var byDefault = await ws.ListWorkflowsAsync();
        var archivedFalse = await ws.ListWorkflowsAsync(query: "?archived=false");
        var archivedTrue = await ws.ListWorkflowsAsync(query: "?archived=true");

        Assert.That(byDefault.Items.Select(w => w.Id), Is.EqualTo(new[] { active.Id }));
        Assert.That(archivedFalse.Items.Select(w => w.Id), Is.EqualTo(new[] { active.Id }));
        Assert.That(archivedTrue.Items.Select(w => (w.Id, w.Archived)), Is.EqualTo(new[] { (archived.Id, true) }));
    }

    [Test]
    public async Task List_PagedByTwoOverFiveWorkflows_ReturnsEachExactlyOnce_AndNoCursorAtTheEnd()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = new List<long>();
        for (var i = 0; i < 5; i++) created.Add((await ws.CreateWorkflowAsync(name: $"Paged {i}")).Id);

        var seen = new List<long>();
        var pages = new List<Page<WorkflowSummaryResponse>>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? "?limit=2" : $"?limit=2&cursor={Uri.EscapeDataString(cursor)}";
            var page = await ws.ListWorkflowsAsync(query: query);
            pages.Add(page);
            seen.AddRange(page.Items.Select(w => w.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(seen, Is.EqualTo(created), "each workflow exactly once, oldest first");
        Assert.That(pages[^1].NextCursor, Is.Null);
        Assert.That(pages.Take(2).Select(p => p.NextCursor), Has.All.Not.Null);
    }

    [Test]
    public async Task List_WithLimitEqualToTheCount_EndsOnTheFirstPage()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync();
        await ws.CreateWorkflowAsync();

        var page = await ws.ListWorkflowsAsync(query: "?limit=2");

        Assert.That(page.Items, Has.Count.EqualTo(2));
        Assert.That(page.NextCursor, Is.Null);
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("201")]
    [TestCase("ten")]
    public async Task List_WithLimitOutsideOneTo200_Returns400NamingLimit(string limit)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit={limit}");

        await response.ShouldBeValidationProblemAsync("limit");
    }

    [Test]
    public async Task List_WithArchivedNotABoolean_Returns400NamingArchived()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?archived=sometimes");

        await response.ShouldBeValidationProblemAsync("archived");
    }

    [TestCase(1)]
    [TestCase(200)]
    public async Task List_WithLimitAtTheBounds_Returns200(int limit)
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync();

        var page = await ws.ListWorkflowsAsync(query: $"?limit={limit}");

        Assert.That(page.Items, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task List_WithAForgedCursor_Returns400NamingCursor()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync();
        await ws.CreateWorkflowAsync();
        var issued = (await ws.ListWorkflowsAsync(query: "?limit=1")).NextCursor!;
        var tampered = issued[..^2] + (issued[^2] == 'A' ? "B" : "A") + issued[^1];

        var garbage = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?cursor=not-a-cursor");
        var edited = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit=1&cursor={Uri.EscapeDataString(tampered)}");

        await garbage.ShouldBeValidationProblemAsync("cursor");
        await edited.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_WithACursorOfAnotherQuery_Returns400NamingCursor()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync();
        await ws.CreateWorkflowAsync();
        var activeCursor = (await ws.ListWorkflowsAsync(query: "?limit=1")).NextCursor!;

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?archived=true&limit=1&cursor={Uri.EscapeDataString(activeCursor)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_WithReadScopeOnly_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").GetAsync($"{ws.Root}/workflows");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.ReadAsync<Page<WorkflowSummaryResponse>>()).Items.Select(w => w.Id), Is.EqualTo(new[] { workflow.Id }));
    }

    [Test]
    public async Task List_WithoutAnyWorkflowsScope_Returns403InsufficientScope()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "User.Read").GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
