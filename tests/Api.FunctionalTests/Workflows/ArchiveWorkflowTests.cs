using System.Net;
using System.Net.Http.Headers;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>POST /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/archive</summary>
public sealed class ArchiveWorkflowTests
{
    [Test]
    public async Task Archive_Returns200WithStatusOnly_AndTheWorkflowIsArchived()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/archive", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.True, "an archived workflow stays readable");
    }

    [Test]
    public async Task Archive_Twice_Returns200BothTimes_AndTheWorkflowStaysArchived()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var first = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/archive", null);
        var afterFirst = await ws.SnapshotAsync(workflow.Id);
        var second = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/archive", null);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(afterFirst), "archiving an archived workflow changes nothing");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.True);
    }

    [Test]
    public async Task Archive_HidesTheWorkflowFromTheDefaultList_AndArchivedTrueListsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var kept = await ws.CreateWorkflowAsync();
        var archived = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(archived.Id)}/archive", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var active = await ws.ListWorkflowsAsync();
        var onlyArchived = await ws.ListWorkflowsAsync(query: "?archived=true");
        Assert.That(active.Items.Select(w => w.Id), Is.EqualTo(new[] { kept.Id }));
        Assert.That(onlyArchived.Items.Select(w => w.Id), Is.EqualTo(new[] { archived.Id }));
        Assert.That(onlyArchived.Items.Single().Archived, Is.True);
    }

    [Test]
    public async Task Archive_ByMemberWithEditAuthority_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("member", "edit");

        var response = await ws.Member.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/archive", null);

        await response.ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.True);
    }

    [Test]
    public async Task Archive_WithStaleIfMatch_Returns412_AndLeavesItActive()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var stale = await ws.SnapshotAsync(workflow.Id);
        var renamed = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { description = "Changed meanwhile" });
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var request = new HttpRequestMessage(HttpMethod.Post, $"{ws.WorkflowUrl(workflow.Id)}/archive");
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(stale.ETag!));

        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Archive_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Factory.WithToken(null).PostAsync($"{ws.WorkflowUrl(workflow.Id)}/archive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Archive_ByMemberWithOnlyUse_Returns403_AndLeavesItActive()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Member.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/archive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Archive_WithReadOnlyToken_Returns403InsufficientScope_AndLeavesItActive()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/archive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Archive_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows/987654321/archive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Archive_AnotherWorkspacesWorkflow_Returns404_AndLeavesItActive()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(foreign.Id)}/archive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That((await other.GetWorkflowAsync(foreign.Id)).Archived, Is.False);
    }
}
