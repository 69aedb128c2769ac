using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;

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
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Id, Is.EqualTo(workflow.Id));
    }

    [Test]
    public async Task Delete_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Factory.WithToken(null).DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Id, Is.EqualTo(workflow.Id));
    }

    [Test]
    public async Task Delete_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_ByGuest_Returns403_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Guest.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Id, Is.EqualTo(workflow.Id));
    }

    [Test]
    public async Task Delete_AnotherWorkspacesWorkflow_Returns404_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var (foreign, _, _, _) = await other.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{foreign.Id}?cascade=true");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That((await other.GetWorkflowAsync(foreign.Id)).Tasks, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Delete_ByStranger_Returns404_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Stranger.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Id, Is.EqualTo(workflow.Id));
    }

    [Test]
    public async Task Delete_WithStaleIfMatch_Returns412_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var preview = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/deletion-preview");
        await ws.AddTaskAsync(workflow.Id, "Added after the preview", a.Id);
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{ws.Root}/workflows/{workflow.Id}?cascade=true");
        request.Headers.IfMatch.Add(preview.Headers.ETag!);

        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Tasks, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Delete_WithCascade_KeepsAssignments_WithTheirWorkflowNameAndUuidSnapshot()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync(name: "Returns handling");
        var assignmentId = (await ws.StartAssignmentAsync(workflow.Id, "Return of order 1042")).Id;

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}?cascade=true");

        await response.ShouldSucceedAsync();
        var assignment = await ws.Factory.QueryAsync(db => db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId));
        Assert.That(assignment, Is.Not.Null, "assignments are never deleted with their workflow");
        Assert.Multiple(() =>
        {
            Assert.That(assignment!.WorkflowId, Is.Null);
            Assert.That(assignment.WorkflowUuid, Is.EqualTo(workflow.Uuid));
            Assert.That(assignment.WorkflowName, Is.EqualTo("Returns handling"));
            Assert.That(assignment.Title, Is.EqualTo("Return of order 1042"));
        });
        Assert.That(await ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.Id == workflow.Id)), Is.Zero);
    }

    [Test]
    public async Task Delete_WithoutTasks_KeepsAssignments_WithTheirSnapshot()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Short lived");
        var assignmentId = (await ws.StartAssignmentAsync(workflow.Id)).Id;

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldSucceedAsync();
        var assignment = await ws.Factory.QueryAsync(db => db.Assignments.AsNoTracking().SingleAsync(a => a.Id == assignmentId));
        Assert.That((assignment.WorkflowId, assignment.WorkflowUuid, assignment.WorkflowName), Is.EqualTo(((long?)null, workflow.Uuid, "Short lived")));
    }
}
