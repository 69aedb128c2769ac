using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Workflows;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.FunctionalTests.Resources;

/// <summary>
/// What every resource of a workspace that a workflow can name as its default (a phone number, an
/// inbox) does alike: GET|POST <c>/api/v2/w/{workspace_uuid}/{segment}</c> and GET|DELETE
/// <c>/{segment}/{id}</c>. A resource has a key (a phone number's number, an inbox's address) that
/// is unique within its workspace, and an optional label. Each concrete fixture names its resource
/// and adds what only that resource does (the format of its key).
/// </summary>
public abstract class WorkspaceResourceTests<TResource>
{
    /// <summary>The route segment under the workspace, e.g. <c>phone-numbers</c>.</summary>
    protected abstract string Segment { get; }

    /// <summary>The JSON field of the key, e.g. <c>number</c>.</summary>
    protected abstract string KeyField { get; }

    /// <summary>The workflow field that names a resource as its default, e.g. <c>defaultPhoneNumberId</c>.</summary>
    protected abstract string WorkflowField { get; }

    /// <summary>A valid key no other test uses.</summary>
    protected abstract string NewKey();

    /// <summary>Creates one (as the workspace's admin, with a label), insisting on 201.</summary>
    protected abstract Task<TResource> CreateAsync(TestWorkspace ws, string? key = null);

    /// <summary>Creates one without a label, insisting on 201.</summary>
    protected abstract Task<TResource> CreateWithoutLabelAsync(TestWorkspace ws);

    protected abstract (long Id, string Key, string? Label, DateTime CreatedAt) Fields(TResource resource);

    /// <summary>How many are stored with this key, in any workspace.</summary>
    protected abstract Task<int> CountWithKeyAsync(WorkflowsDbContext db, string key);

    /// <summary>How many the workspace has stored.</summary>
    protected abstract Task<int> CountInWorkspaceAsync(WorkflowsDbContext db, long workspaceId);

    /// <summary>The workflow's <see cref="WorkflowField"/>.</summary>
    protected abstract long? DefaultOf(WorkflowResponse workflow);

    protected string Url(TestWorkspace ws) => $"{ws.Root}/{Segment}";

    protected string Url(TestWorkspace ws, long id) => $"{ws.Root}/{Segment}/{id}";

    private Dictionary<string, object?> WithKey(string key) => new() { [KeyField] = key };

    private Task<WorkflowResponse> CreateWorkflowUsingAsync(TestWorkspace ws, string name, long id) =>
        ws.CreateWorkflowAsync(body: new Dictionary<string, object?> { ["name"] = name, [WorkflowField] = id });

    private long IdOf(TResource resource) => Fields(resource).Id;

    // ---- create ------------------------------------------------------------------------------

    [Test]
    public async Task Create_Returns201WithTheResource()
    {
        var ws = await TestWorkspace.CreateAsync();
        var key = NewKey();

        var response = await ws.Admin.Client.PostJsonAsync(Url(ws), new Dictionary<string, object?> { [KeyField] = key, ["label"] = "Hotline" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var created = Fields(await response.ReadAsync<TResource>());
        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Is.Positive);
            Assert.That((created.Key, created.Label), Is.EqualTo((key, (string?)"Hotline")));
            Assert.That(created.CreatedAt, Is.GreaterThan(DateTime.UtcNow.AddMinutes(-5)));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{Url(ws, created.Id)}"));
        });
    }

    [Test]
    public async Task Create_WithoutLabel_Returns201WithNullLabel()
    {
        var ws = await TestWorkspace.CreateAsync();

        var created = await CreateWithoutLabelAsync(ws);

        Assert.That(Fields(created).Label, Is.Null);
    }

    [Test]
    public async Task Create_KeyTheWorkspaceAlreadyHas_Returns409ResourceExists()
    {
        var ws = await TestWorkspace.CreateAsync();
        var existing = Fields(await CreateAsync(ws)).Key;

        var response = await ws.Admin.Client.PostJsonAsync(Url(ws), WithKey(existing));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_exists");
        var stored = await ws.Factory.QueryAsync(db => CountWithKeyAsync(db, existing));
        Assert.That(stored, Is.EqualTo(1));
    }

    [Test]
    public async Task Create_KeyAnotherWorkspaceHas_Returns201()
    {
        var other = await TestWorkspace.CreateAsync();
        var theirs = Fields(await CreateAsync(other));
        var ws = await TestWorkspace.CreateAsync();

        var ours = Fields(await CreateAsync(ws, theirs.Key));

        Assert.Multiple(() =>
        {
            Assert.That(ours.Key, Is.EqualTo(theirs.Key));
            Assert.That(ours.Id, Is.Not.EqualTo(theirs.Id));
        });
    }

    [Test]
    public async Task Create_WithoutKey_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync(Url(ws), new { label = $"No {KeyField}" });

        await response.ShouldBeValidationProblemAsync(KeyField);
    }

    [Test]
    public async Task Create_LabelLongerThan200_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync(Url(ws),
            new Dictionary<string, object?> { [KeyField] = NewKey(), ["label"] = new string('l', 201) });

        await response.ShouldBeValidationProblemAsync("label");
    }

    [Test]
    public async Task Create_ByMember_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Member.Client.PostJsonAsync(Url(ws), WithKey(NewKey()));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var stored = await ws.Factory.QueryAsync(db => CountInWorkspaceAsync(db, ws.Workspace.Id));
        Assert.That(stored, Is.Zero);
    }

    [Test]
    public async Task Create_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync(Url(ws), WithKey(NewKey()));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Create_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.PostJsonAsync(Url(ws), WithKey(NewKey()));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync(Url(ws), WithKey(NewKey()));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- list --------------------------------------------------------------------------------

    [Test]
    public async Task List_ReturnsOnlyThisWorkspacesOwn_InCreationOrder()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await CreateAsync(other);
        var first = await CreateAsync(ws);
        var second = await CreateAsync(ws);

        var page = await ws.Member.Client.GetJsonAsync<Page<TResource>>(Url(ws));

        Assert.Multiple(() =>
        {
            Assert.That(page!.Items, Is.EqualTo(new[] { first, second }));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task List_PagedWithCursor_ReturnsEachExactlyOnce()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = new List<long>();
        for (var i = 0; i < 5; i++) created.Add(IdOf(await CreateAsync(ws)));

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ws.Admin.Client.GetJsonAsync<Page<TResource>>(
                $"{Url(ws)}?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page!.Items.Select(IdOf));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.That((seen, pages), Is.EqualTo((created, 3)));
    }

    [Test]
    public async Task List_ForgedCursor_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        await CreateAsync(ws);
        await CreateAsync(ws);
        var page = await ws.Admin.Client.GetJsonAsync<Page<TResource>>($"{Url(ws)}?limit=1");
        var forged = page!.NextCursor![..^2] + (page.NextCursor[^2] == 'A' ? "BA" : "AA");

        var response = await ws.Admin.Client.GetAsync($"{Url(ws)}?cursor={Uri.EscapeDataString(forged)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.GetAsync(Url(ws));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "profile").GetAsync(Url(ws));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync(Url(ws));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- get ---------------------------------------------------------------------------------

    [Test]
    public async Task Get_ByGuest_Returns200WithTheResource()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = await CreateAsync(ws);

        var response = await ws.Guest.Client.GetAsync(Url(ws, IdOf(created)));

        await response.ShouldSucceedAsync();
        Assert.That(await response.ReadAsync<TResource>(), Is.EqualTo(created));
    }

    [Test]
    public async Task Get_UnknownId_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync(Url(ws, 987654321));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_OneOfAnotherWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await CreateAsync(other);

        var response = await ws.Admin.Client.GetAsync(Url(ws, IdOf(foreign)));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = await CreateAsync(ws);

        var response = await ws.Stranger.Client.GetAsync(Url(ws, IdOf(created)));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    // ---- delete ------------------------------------------------------------------------------

    [Test]
    public async Task Delete_Unused_Returns200_AndItIsGone()
    {
        var ws = await TestWorkspace.CreateAsync();
        var id = IdOf(await CreateAsync(ws));

        var response = await ws.Admin.Client.DeleteAsync(Url(ws, id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        var gone = await ws.Admin.Client.GetAsync(Url(ws, id));
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_OneAWorkflowUsesAsDefault_Returns409ResourceInUse_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var id = IdOf(await CreateAsync(ws));
        var workflow = await CreateWorkflowUsingAsync(ws, "Front desk", id);

        var response = await ws.Admin.Client.DeleteAsync(Url(ws, id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_in_use");
        var still = await ws.Admin.Client.GetAsync(Url(ws, id));
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(DefaultOf(await ws.GetWorkflowAsync(workflow.Id)), Is.EqualTo(id));
    }

    [Test]
    public async Task Delete_OneAnArchivedWorkflowUses_Returns409ResourceInUse()
    {
        var ws = await TestWorkspace.CreateAsync();
        var id = IdOf(await CreateAsync(ws));
        var workflow = await CreateWorkflowUsingAsync(ws, "Old front desk", id);
        await ws.ArchiveWorkflowAsync(workflow.Id);

        var response = await ws.Admin.Client.DeleteAsync(Url(ws, id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_in_use");
    }

    [Test]
    public async Task Delete_AfterTheWorkflowStopsUsingIt_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var id = IdOf(await CreateAsync(ws));
        var workflow = await CreateWorkflowUsingAsync(ws, "Front desk", id);
        await ws.UpdateWorkflowAsync(workflow.Id, new Dictionary<string, object?> { [WorkflowField] = null });

        var response = await ws.Admin.Client.DeleteAsync(Url(ws, id));

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Delete_ByMember_Returns403_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var id = IdOf(await CreateAsync(ws));

        var response = await ws.Member.Client.DeleteAsync(Url(ws, id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var still = await ws.Admin.Client.GetAsync(Url(ws, id));
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var id = IdOf(await CreateAsync(ws));

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").DeleteAsync(Url(ws, id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Delete_UnknownId_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync(Url(ws, 987654321));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_OneOfAnotherWorkspace_Returns404_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = IdOf(await CreateAsync(other));

        var response = await ws.Admin.Client.DeleteAsync(Url(ws, foreign));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var still = await other.Admin.Client.GetAsync(Url(other, foreign));
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var id = IdOf(await CreateAsync(ws));

        var response = await ws.Factory.WithToken(null).DeleteAsync(Url(ws, id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
