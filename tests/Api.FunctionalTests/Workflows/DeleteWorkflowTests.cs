using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>DELETE /api/v2/w/{workspace_uuid}/workflows/{workflow_id}</summary>
public sealed class DeleteWorkflowTests
{
    [Test]
    public async Task Delete_WithoutTasks_Returns200WithStatusOnly()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        var gone = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}");
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_WithTasksWithoutCascade_Returns400WorkflowHasTasks_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "workflow_has_tasks");
        var tasks = await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id));
        Assert.That(tasks, Is.EqualTo(3));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Tasks, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Delete_WithCascade_ReturnsDeletedTaskCount_AndLeavesNoTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}?cascade=true");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success","deletedTaskCount":3}"""));
        var (tasks, transitions, workflows) = await ws.Factory.QueryAsync(async db => (
            await db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id),
            await db.TaskTransitions.CountAsync(t => t.From.WorkflowId == workflow.Id),
            await db.Workflows.CountAsync(w => w.Id == workflow.Id)));
        Assert.That((tasks, transitions, workflows), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public async Task Delete_WithoutAdminScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var writer = ws.ClientWithScopes(ws.Admin, "workflows:write");

        var response = await writer.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Id, Is.EqualTo(workflow.Id));
    }

    [Test]
    public async Task Delete_ByMemberWithoutDeleteAuthority_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Member.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task Delete_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Factory.WithToken(null).DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Delete_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
