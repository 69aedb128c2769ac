using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Assignments;

namespace Workflows.Api.FunctionalTests.Assignments;

/// <summary>GET /api/v2/w/{workspace_uuid}/assignments</summary>
public sealed class ListAssignmentsTests
{
    [Test]
    public async Task List_ReturnsTheWorkspacesAssignmentsInCreationOrder()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var started = new List<AssignmentResponse>();
        for (var i = 1; i <= 3; i++) started.Add(await ws.StartAssignmentAsync(workflow.Id, $"Job {i}"));

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/assignments");

        await response.ShouldSucceedAsync();
        var page = await response.ReadAsync<Page<AssignmentResponse>>();
        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(a => a.Id), Is.EqualTo(started.Select(a => a.Id)));
            Assert.That(page.Items.Select(a => a.Title), Is.EqualTo(new[] { "Job 1", "Job 2", "Job 3" }));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task List_NeverShowsAnotherWorkspacesAssignments()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.StartAssignmentAsync((await other.CreateWorkflowAsync()).Id);
        var own = await ws.StartAssignmentAsync((await ws.CreateWorkflowAsync()).Id);

        var listed = await ws.ListAllAssignmentsAsync();

        Assert.That(listed.Select(a => a.Id), Is.EqualTo(new[] { own.Id }));
        Assert.That(listed.Select(a => a.Id), Does.Not.Contain(foreign.Id));
    }

    [Test]
    public async Task List_FilteredByWorkflow_ReturnsOnlyThatWorkflowsAssignments()
    {
        var ws = await TestWorkspace.CreateAsync();
        var first = await ws.CreateWorkflowAsync();
        var second = await ws.CreateWorkflowAsync();
        var a1 = await ws.StartAssignmentAsync(first.Id, "first 1");
        await ws.StartAssignmentAsync(second.Id, "second 1");
        var a2 = await ws.StartAssignmentAsync(first.Id, "first 2");

        var listed = await ws.ListAllAssignmentsAsync(workflowId: first.Id);

        Assert.That(listed.Select(a => a.Id), Is.EqualTo(new[] { a1.Id, a2.Id }));
    }

    [Test]
    public async Task List_PagedWithCursor_ReturnsEachAssignmentExactlyOnce()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var started = new List<long>();
        for (var i = 0; i < 7; i++) started.Add((await ws.StartAssignmentAsync(workflow.Id, $"Job {i}")).Id);

        var first = await ws.Admin.Client.GetJsonAsync<Page<AssignmentResponse>>($"{ws.Root}/assignments?limit=3");
        var all = await ws.ListAllAssignmentsAsync(limit: 3);

        Assert.Multiple(() =>
        {
            Assert.That(first!.Items, Has.Count.EqualTo(3));
            Assert.That(first.NextCursor, Is.Not.Null.And.Not.Empty);
            Assert.That(all.Select(a => a.Id), Is.EqualTo(started));
        });
    }

    [Test]
    public async Task List_ByGuest_ShowsOnlyAssignmentsOfWorkflowsTheGuestCanUse()
    {
        var ws = await TestWorkspace.CreateAsync();
        var open = await ws.CreateWorkflowAsync();
        await ws.GrantAsync(open.Id, ("guest", "use"));
        var closed = await ws.CreateWorkflowAsync();
        var visible = await ws.StartAssignmentAsync(open.Id);
        await ws.StartAssignmentAsync(closed.Id);

        var listed = await ws.ListAllAssignmentsAsync(ws.Guest);

        Assert.That(listed.Select(a => a.Id), Is.EqualTo(new[] { visible.Id }));
    }

    [Test]
    public async Task List_ForgedCursor_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        for (var i = 0; i < 3; i++) await ws.StartAssignmentAsync(workflow.Id);
        var page = await ws.Admin.Client.GetJsonAsync<Page<AssignmentResponse>>($"{ws.Root}/assignments?limit=1");
        var cursor = page!.NextCursor!;
        var forged = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/assignments?limit=1&cursor={Uri.EscapeDataString(forged)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_CursorOfAnotherWorkflowFilter_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        for (var i = 0; i < 3; i++) await ws.StartAssignmentAsync(workflow.Id);
        var page = await ws.Admin.Client.GetJsonAsync<Page<AssignmentResponse>>($"{ws.Root}/assignments?limit=1");

        var response = await ws.Admin.Client.GetAsync(
            $"{ws.Root}/assignments?limit=1&workflowId={workflow.Id}&cursor={Uri.EscapeDataString(page!.NextCursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [TestCase(0)]
    [TestCase(201)]
    public async Task List_LimitOutOfRange_Returns400(int limit)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/assignments?limit={limit}");

        await response.ShouldBeValidationProblemAsync("limit");
    }

    [Test]
    public async Task List_WithReadScopeOnly_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var assignment = await ws.StartAssignmentAsync((await ws.CreateWorkflowAsync()).Id);
        var reader = ws.ClientWithScopes(ws.Member, "workflows:read");

        var page = await reader.GetJsonAsync<Page<AssignmentResponse>>($"{ws.Root}/assignments");

        Assert.That(page!.Items.Select(a => a.Id), Is.EqualTo(new[] { assignment.Id }));
    }

    [Test]
    public async Task List_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "profile").GetAsync($"{ws.Root}/assignments");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/assignments");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/assignments");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
