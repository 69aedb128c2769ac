using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Tasks;

namespace Workflows.Api.FunctionalTests.Tasks;

/// <summary>PUT /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/tasks/{task_id}</summary>
public sealed class UpdateTaskTests
{
    [Test]
    public async Task Update_ChangesOnlyTheFieldsSent()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var next = await ws.AddTaskAsync(workflow.Id, "Next");
        var task = await CreateFullTaskAsync(ws, workflow.Id, next.Id);

        var response = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, task.Id), new { name = "Renamed" });

        await response.ShouldSucceedAsync();
        var updated = await response.ReadAsync<TaskResponse>();
        var stored = await GetAsync(ws, workflow.Id, task.Id);
        Assert.Multiple(() =>
        {
            Assert.That(updated.Name, Is.EqualTo("Renamed"));
            Assert.That((updated.Description, updated.Prompt, updated.PosX, updated.PosY),
                Is.EqualTo((task.Description, task.Prompt, task.PosX, task.PosY)));
            Assert.That(updated.NextTaskIds, Is.EqualTo(new[] { next.Id }));
            Assert.That((stored.Name, stored.Description, stored.Prompt), Is.EqualTo(("Renamed", task.Description, task.Prompt)));
            Assert.That(stored.NextTaskIds, Is.EqualTo(new[] { next.Id }));
            Assert.That((updated.Id, updated.Uuid, updated.WorkflowId, updated.CreatedAt), Is.EqualTo((task.Id, task.Uuid, task.WorkflowId, task.CreatedAt)));
        });
    }

    [Test]
    public async Task Update_WithNullDescription_ClearsIt_AndKeepsTheRest()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await CreateFullTaskAsync(ws, workflow.Id);

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, TaskUrl(ws, workflow.Id, task.Id), """{"description":null}""");

        await response.ShouldSucceedAsync();
        var stored = await GetAsync(ws, workflow.Id, task.Id);
        Assert.Multiple(() =>
        {
            Assert.That(stored.Description, Is.Null);
            Assert.That((stored.Name, stored.Prompt, stored.PosX, stored.PosY), Is.EqualTo((task.Name, task.Prompt, task.PosX, task.PosY)));
        });
    }

    [Test]
    public async Task Update_WithNextTaskIds_ReplacesTheTransitions()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, a.Id), new { nextTaskIds = new[] { c.Id } });

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<TaskResponse>()).NextTaskIds, Is.EqualTo(new[] { c.Id }));
        var stored = await ws.Factory.QueryAsync(db => db.TaskTransitions.Where(t => t.FromTaskId == a.Id).Select(t => t.ToTaskId).ToListAsync());
        Assert.That(stored, Is.EqualTo(new[] { c.Id }), $"the transition to {b.Id} is gone");
    }

    [Test]
    public async Task Update_WithNullNextTaskIds_RemovesEveryTransition()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, TaskUrl(ws, workflow.Id, a.Id), """{"nextTaskIds":null}""");

        await response.ShouldSucceedAsync();
        Assert.That((await GetAsync(ws, workflow.Id, a.Id)).NextTaskIds, Is.Empty);
    }

    [Test]
    public async Task Update_WithNextTaskOfAnotherWorkflow_Returns400NamingNextTaskIds_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, _) = await ws.CreateWorkflowWithTasksAsync();
        var other = await ws.CreateWorkflowAsync();
        var foreign = await ws.AddTaskAsync(other.Id, "Foreign");

        var response = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, a.Id),
            new { name = "Changed", nextTaskIds = new[] { foreign.Id } });

        var problem = await response.ShouldBeValidationProblemAsync("nextTaskIds");
        Assert.That(problem.Code, Is.EqualTo("invalid_reference"));
        var stored = await GetAsync(ws, workflow.Id, a.Id);
        Assert.Multiple(() =>
        {
            Assert.That(stored.Name, Is.EqualTo("A"));
            Assert.That(stored.NextTaskIds, Is.EqualTo(new[] { b.Id }));
        });
    }

    [Test]
    public async Task Update_WithNullName_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Named");

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, TaskUrl(ws, workflow.Id, task.Id), """{"name":null}""");

        await response.ShouldBeValidationProblemAsync("name");
        Assert.That((await GetAsync(ws, workflow.Id, task.Id)).Name, Is.EqualTo("Named"));
    }

    [Test]
    public async Task Update_ChangesTheTaskAndWorkflowETags()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Before");
        var taskTag = (await ws.Admin.Client.GetAsync(TaskUrl(ws, workflow.Id, task.Id))).Headers.ETag?.Tag;
        var workflowTag = (await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}")).Headers.ETag?.Tag;

        var response = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, task.Id), new { name = "After" });

        await response.ShouldSucceedAsync();
        var taskAfter = await ws.Admin.Client.GetAsync(TaskUrl(ws, workflow.Id, task.Id));
        var workflowAfter = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}");
        Assert.Multiple(() =>
        {
            Assert.That(taskTag, Is.Not.Null);
            Assert.That(workflowTag, Is.Not.Null);
            Assert.That(response.Headers.ETag?.Tag, Is.Not.EqualTo(taskTag));
            Assert.That(taskAfter.Headers.ETag?.Tag, Is.EqualTo(response.Headers.ETag?.Tag));
            Assert.That(workflowAfter.Headers.ETag?.Tag, Is.Not.Null.And.Not.EqualTo(workflowTag));
        });
    }

    [Test]
    public async Task Update_WithCurrentIfMatch_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Current");
        var tag = (await ws.Admin.Client.GetAsync(TaskUrl(ws, workflow.Id, task.Id))).Headers.ETag!;

        var response = await ws.Admin.Client.SendAsync(Put(ws, workflow.Id, task.Id, """{"name":"Matched"}""", tag));

        await response.ShouldSucceedAsync();
        Assert.That((await GetAsync(ws, workflow.Id, task.Id)).Name, Is.EqualTo("Matched"));
    }

    [Test]
    public async Task Update_WithStaleIfMatch_Returns412_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Original");
        var stale = (await ws.Admin.Client.GetAsync(TaskUrl(ws, workflow.Id, task.Id))).Headers.ETag!;
        var first = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, task.Id), new { name = "First writer" });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await ws.OtherAdmin.Client.SendAsync(Put(ws, workflow.Id, task.Id, """{"name":"Second writer"}""", stale));

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.That((await GetAsync(ws, workflow.Id, task.Id)).Name, Is.EqualTo("First writer"));
    }

    [Test]
    public async Task Update_ByMemberWithUseAuthority_Returns403_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Protected");

        var response = await ws.Member.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, task.Id), new { name = "Defaced" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That((await GetAsync(ws, workflow.Id, task.Id)).Name, Is.EqualTo("Protected"));
    }

    [Test]
    public async Task Update_WithReadOnlyScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Protected");

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").PutJsonAsync(TaskUrl(ws, workflow.Id, task.Id), new { name = "Defaced" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That((await GetAsync(ws, workflow.Id, task.Id)).Name, Is.EqualTo("Protected"));
    }

    [Test]
    public async Task Update_UnknownTask_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, 987654321), new { name = "Ghost" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Update_TaskOfAnotherWorkflow_Returns404_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var other = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(other.Id, "Elsewhere");

        var response = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, workflow.Id, task.Id), new { name = "Moved" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That((await GetAsync(ws, other.Id, task.Id)).Name, Is.EqualTo("Elsewhere"));
    }

    [Test]
    public async Task Update_InWorkflowOfAnotherWorkspace_Returns404_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();
        var task = await other.AddTaskAsync(foreign.Id, "Foreign");

        var response = await ws.Admin.Client.PutJsonAsync(TaskUrl(ws, foreign.Id, task.Id), new { name = "Hijacked" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That((await GetAsync(other, foreign.Id, task.Id)).Name, Is.EqualTo("Foreign"));
    }

    private static string TaskUrl(TestWorkspace ws, long workflowId, long taskId) => $"{ws.Root}/workflows/{workflowId}/tasks/{taskId}";

    private static HttpRequestMessage Put(TestWorkspace ws, long workflowId, long taskId, string json, EntityTagHeaderValue ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, TaskUrl(ws, workflowId, taskId))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(ifMatch);
        return request;
    }

    private static async Task<TaskResponse> CreateFullTaskAsync(TestWorkspace ws, long workflowId, params long[] nextTaskIds)
    {
        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflowId}/tasks",
            new { name = "Full", description = "Described", prompt = "Prompted", posX = 3.0, posY = 4.0, nextTaskIds });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<TaskResponse>();
    }

    private static async Task<TaskResponse> GetAsync(TestWorkspace ws, long workflowId, long taskId)
    {
        var response = await ws.Admin.Client.GetAsync(TaskUrl(ws, workflowId, taskId));
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<TaskResponse>();
    }
}
