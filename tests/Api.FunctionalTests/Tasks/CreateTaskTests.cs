using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Tasks;
using Workflows.Application.Workflows;
using Workflows.Domain.Workflows;

namespace Workflows.Api.FunctionalTests.Tasks;

/// <summary>POST /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/tasks</summary>
public sealed class CreateTaskTests
{
    [Test]
    public async Task Create_Returns201WithTask_LocationAndETag()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var next = await ws.AddTaskAsync(workflow.Id, "Next");

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new
        {
            name = "Greet",
            description = "Say hello",
            prompt = "Greet the caller by name.",
            posX = 1.5,
            posY = -20.0,
            nextTaskIds = new[] { next.Id },
        });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var json = await BodyShape.ReadAsync(response);
        var task = await response.ReadAsync<TaskResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(BodyShape.PropertiesOf(json), Is.EquivalentTo(new[]
            {
                "id", "uuid", "workflowId", "name", "description", "prompt", "posX", "posY", "nextTaskIds", "createdAt", "updatedAt",
            }));
            Assert.That(task.Id, Is.Positive);
            Assert.That(task.Uuid, Is.Not.EqualTo(Guid.Empty));
            Assert.That(task.WorkflowId, Is.EqualTo(workflow.Id));
            Assert.That((task.Name, task.Description, task.Prompt), Is.EqualTo(("Greet", "Say hello", "Greet the caller by name.")));
            Assert.That((task.PosX, task.PosY), Is.EqualTo(((double?)1.5, (double?)-20.0)));
            Assert.That(task.NextTaskIds, Is.EqualTo(new[] { next.Id }));
            Assert.That(json.GetProperty("createdAt").GetString(), Does.EndWith("Z"));
            Assert.That(json.GetProperty("updatedAt").GetString(), Does.EndWith("Z"));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v2/w/{ws.Uuid}/workflows/{workflow.Id}/tasks/{task.Id}"));
            Assert.That(response.Headers.ETag?.Tag, Is.Not.Null.And.Not.Empty);
        });
        var located = await ws.Admin.Client.GetAsync(response.Headers.Location);
        await located.ShouldSucceedAsync();
        Assert.That(located.Headers.ETag?.Tag, Is.EqualTo(response.Headers.ETag?.Tag), "the created task's ETag is the one GET reads");
    }

    [Test]
    public async Task Create_WithNameOnly_Returns201WithNullOptionals()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { name = "Bare" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var task = await response.ReadAsync<TaskResponse>();
        Assert.Multiple(() =>
        {
            Assert.That((task.Description, task.Prompt, task.PosX, task.PosY), Is.EqualTo(((string?)null, (string?)null, (double?)null, (double?)null)));
            Assert.That(task.NextTaskIds, Is.Empty);
        });
    }

    [Test]
    public async Task Create_AddsTheTaskToTheWorkflow_AndChangesTheWorkflowETag()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await WorkflowETagAsync(ws, workflow.Id);

        var task = await ws.AddTaskAsync(workflow.Id, "Added");

        var after = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}");
        var tasks = (await after.ReadAsync<WorkflowResponse>()).Tasks;
        Assert.Multiple(() =>
        {
            Assert.That(after.Headers.ETag?.Tag, Is.Not.Null.And.Not.EqualTo(before));
            Assert.That(tasks.Select(t => t.Id), Is.EqualTo(new[] { task.Id }));
        });
    }

    [Test]
    public async Task Create_WithNextTaskOfAnotherWorkflow_Returns400NamingNextTaskIds_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var other = await ws.CreateWorkflowAsync();
        var foreign = await ws.AddTaskAsync(other.Id, "Foreign");

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks",
            new { name = "Leaky", nextTaskIds = new[] { foreign.Id } });

        var problem = await response.ShouldBeValidationProblemAsync("nextTaskIds");
        Assert.That(problem.Code, Is.EqualTo("invalid_reference"));
        var (tasks, otherTasks, transitions) = await ws.Factory.QueryAsync(async db => (
            await db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id),
            await db.Tasks.CountAsync(t => t.WorkflowId == other.Id),
            await db.TaskTransitions.CountAsync(t => t.ToTaskId == foreign.Id)));
        Assert.That((tasks, otherTasks, transitions), Is.EqualTo((0, 1, 0)));
    }

    [Test]
    public async Task Create_WithUnknownNextTaskId_Returns400NamingNextTaskIds_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks",
            new { name = "Dangling", nextTaskIds = new[] { 987654321L } });

        await response.ShouldBeValidationProblemAsync("nextTaskIds");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.Zero);
    }

    [Test]
    public async Task Create_WithoutName_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { description = "No name" });

        await response.ShouldBeValidationProblemAsync("name");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.Zero);
    }

    [Test]
    public async Task Create_WithDescriptionOver2000Characters_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks",
            new { name = "Verbose", description = new string('d', 2_001) });

        await response.ShouldBeValidationProblemAsync("description");
    }

    [Test]
    public async Task Create_ByMemberWithUseAuthority_Returns403_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { name = "Sneaky" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.Zero);
    }

    [Test]
    public async Task Create_ByMemberGrantedEdit_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new
        {
            name = "Shared",
            memberRoleAccess = new[] { new { role = "member", access = "edit" } },
        });

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { name = "Allowed" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task Create_WithReadOnlyScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { name = "Read only" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.Zero);
    }

    [Test]
    public async Task Create_InUnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/987654321/tasks", new { name = "Lost" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_InWorkflowOfAnotherWorkspace_Returns404_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{foreign.Id}/tasks", new { name = "Intruder" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == foreign.Id)), Is.Zero);
    }

    [Test]
    public async Task Create_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { name = "Stranger" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_The1000thTask_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.SeedTasksAsync(workflow.Id, WorkflowLimits.MaxTasks - 1);

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { name = "Last one" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.EqualTo(1_000));
    }

    [Test]
    public async Task Create_With1000Tasks_Returns400TooManyTasks_AndTheCountStays1000()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.SeedTasksAsync(workflow.Id, WorkflowLimits.MaxTasks);

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks", new { name = "One too many" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "too_many_tasks");
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.EqualTo(1_000));
    }

    private static async Task<string?> WorkflowETagAsync(TestWorkspace ws, long workflowId)
    {
        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflowId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return response.Headers.ETag?.Tag;
    }
}
