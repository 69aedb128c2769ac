using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Api.FunctionalTests.Tasks;

/// <summary>DELETE /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/tasks/{task_id}</summary>
public sealed class DeleteTaskTests
{
    [Test]
    public async Task Delete_Returns200WithStatusOnly_AndTheTaskIsGone()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Doomed");

        var response = await ws.Admin.Client.DeleteAsync(TaskUrl(ws, workflow.Id, task.Id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        var gone = await ws.Admin.Client.GetAsync(TaskUrl(ws, workflow.Id, task.Id));
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.Zero);
    }

    [Test]
    public async Task Delete_RemovesTheTransitionsIntoIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.DeleteAsync(TaskUrl(ws, workflow.Id, b.Id));

        await response.ShouldSucceedAsync();
        var after = await ws.GetWorkflowAsync(workflow.Id);
        var transitions = await ws.Factory.QueryAsync(db => db.TaskTransitions.CountAsync(t => t.ToTaskId == b.Id || t.FromTaskId == b.Id));
        Assert.Multiple(() =>
        {
            Assert.That(after.Tasks.Select(t => t.Id), Is.EquivalentTo(new[] { a.Id, c.Id }));
            Assert.That(after.Tasks.Single(t => t.Id == a.Id).NextTaskIds, Is.Empty);
            Assert.That(after.StartTaskId, Is.EqualTo(a.Id), "deleting another task keeps the start");
            Assert.That(transitions, Is.Zero);
        });
    }

    [Test]
    public async Task Delete_TheStartTask_ClearsTheWorkflowsStartTaskId()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();
        Assert.That(workflow.StartTaskId, Is.EqualTo(a.Id));

        var response = await ws.Admin.Client.DeleteAsync(TaskUrl(ws, workflow.Id, a.Id));

        await response.ShouldSucceedAsync();
        var after = await ws.GetWorkflowAsync(workflow.Id);
        Assert.Multiple(() =>
        {
            Assert.That(after.StartTaskId, Is.Null);
            Assert.That(after.Tasks.Select(t => t.Id), Is.EquivalentTo(new[] { b.Id, c.Id }));
        });
    }

    [Test]
    public async Task Delete_ChangesTheWorkflowETag()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Doomed");
        var before = (await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}")).Headers.ETag?.Tag;

        var response = await ws.Admin.Client.DeleteAsync(TaskUrl(ws, workflow.Id, task.Id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var after = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}");
        Assert.That(before, Is.Not.Null);
        Assert.That(after.Headers.ETag?.Tag, Is.Not.Null.And.Not.EqualTo(before));
    }

    [Test]
    public async Task Delete_WithCurrentIfMatch_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Doomed");
        var tag = (await ws.Admin.Client.GetAsync(TaskUrl(ws, workflow.Id, task.Id))).Headers.ETag!;
        var request = new HttpRequestMessage(HttpMethod.Delete, TaskUrl(ws, workflow.Id, task.Id));
        request.Headers.IfMatch.Add(tag);

        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldSucceedAsync();
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.Zero);
    }

    [Test]
    public async Task Delete_WithStaleIfMatch_Returns412_AndKeepsTheTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Survivor");
        var stale = (await ws.Admin.Client.GetAsync(TaskUrl(ws, workflow.Id, task.Id))).Headers.ETag!;
        var edit = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, task.Id), new { description = "Changed meanwhile" });
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var request = new HttpRequestMessage(HttpMethod.Delete, TaskUrl(ws, workflow.Id, task.Id));
        request.Headers.IfMatch.Add(stale);

        var response = await ws.OtherAdmin.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_ByMemberWithUseAuthority_Returns403_AndKeepsTheTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Protected");

        var response = await ws.Member.Client.DeleteAsync(TaskUrl(ws, workflow.Id, task.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_WithReadOnlyScope_Returns403_AndKeepsTheTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Protected");

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").DeleteAsync(TaskUrl(ws, workflow.Id, task.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_UnknownTask_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.DeleteAsync(TaskUrl(ws, workflow.Id, 987654321));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_TaskOfAnotherWorkflow_Returns404_AndKeepsTheTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var other = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(other.Id, "Elsewhere");

        var response = await ws.Admin.Client.DeleteAsync(TaskUrl(ws, workflow.Id, task.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_InWorkflowOfAnotherWorkspace_Returns404_AndKeepsTheTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();
        var task = await other.AddTaskAsync(foreign.Id, "Foreign");

        var response = await ws.Admin.Client.DeleteAsync(TaskUrl(ws, foreign.Id, task.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_WithoutToken_Returns401_AndKeepsTheTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Guarded");

        var response = await ws.Factory.WithToken(null).DeleteAsync(TaskUrl(ws, workflow.Id, task.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Id == task.Id)), Is.EqualTo(1));
    }

    private static string TaskUrl(TestWorkspace ws, long workflowId, long taskId) => $"{ws.Root}/workflows/{workflowId}/tasks/{taskId}";
}
