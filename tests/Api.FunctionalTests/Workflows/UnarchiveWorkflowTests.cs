using System.Net;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>POST /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/unarchive</summary>
public sealed class UnarchiveWorkflowTests
{
    [Test]
    public async Task Unarchive_Returns200WithStatusOnly_AndTheWorkflowIsActive()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(workflow.Id);

        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Unarchive_Twice_Returns200BothTimes_AndTheWorkflowStaysActive()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(workflow.Id);

        var first = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);
        var afterFirst = await ws.SnapshotAsync(workflow.Id);
        var second = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(afterFirst), "unarchiving an active workflow changes nothing");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Unarchive_WorkflowThatWasNeverArchived_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Unarchive_RestoresTheWorkflowToTheDefaultList_AndRemovesItFromTheArchivedList()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(workflow.Id);
        Assert.That((await ws.ListWorkflowsAsync()).Items, Is.Empty);

        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ws.ListWorkflowsAsync()).Items.Select(w => w.Id), Is.EqualTo(new[] { workflow.Id }));
        Assert.That((await ws.ListWorkflowsAsync(query: "?archived=true")).Items, Is.Empty);
    }

    [Test]
    public async Task Unarchive_ByMemberWithEditAuthority_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("member", "edit");
        await ws.ArchiveAsync(workflow.Id);

        var response = await ws.Member.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        await response.ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Unarchive_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(workflow.Id);

        var response = await ws.Factory.WithToken(null).PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.True);
    }

    [Test]
    public async Task Unarchive_ByMemberWithOnlyUse_Returns403_AndLeavesItArchived()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(workflow.Id);

        var response = await ws.Member.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.True);
    }

    [Test]
    public async Task Unarchive_WithReadOnlyToken_Returns403InsufficientScope_AndLeavesItArchived()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(workflow.Id);
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/unarchive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.True);
    }

    [Test]
    public async Task Unarchive_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows/987654321/unarchive", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
