using System.Net;
using Workflows.Application.Tasks;

namespace Workflows.Api.FunctionalTests.Tasks;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/tasks/{task_id}</summary>
public sealed class GetTaskTests
{
    [Test]
    public async Task Get_Returns200WithTheTaskAsCreated_AndItsETag()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var next = await ws.AddTaskAsync(workflow.Id, "Next");
        var created = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks",
            new { name = "Ask", description = "Ask why", prompt = "Ask the caller why they call.", posX = 10.0, posY = 20.0, nextTaskIds = new[] { next.Id } });
        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var expected = await created.ReadAsync<TaskResponse>();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{expected.Id}");

        await response.ShouldSucceedAsync();
        var task = await response.ReadAsync<TaskResponse>();
        var none = Array.Empty<long>();
        Assert.Multiple(() =>
        {
            Assert.That(task with { NextTaskIds = none }, Is.EqualTo(expected with { NextTaskIds = none }));
            Assert.That(task.NextTaskIds, Is.EqualTo(new[] { next.Id }));
            Assert.That(response.Headers.ETag?.Tag, Is.Not.Null.And.EqualTo(created.Headers.ETag?.Tag));
        });
    }

    [Test]
    public async Task Get_WithCurrentETagAsIfNoneMatch_Returns304()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Cached");
        var first = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");
        var request = new HttpRequestMessage(HttpMethod.Get, $"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await ws.Admin.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
    }

    [Test]
    public async Task Get_ByMemberWithUseAuthority_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Visible");

        var response = await ws.Member.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<TaskResponse>()).Id, Is.EqualTo(task.Id));
    }

    [Test]
    public async Task Get_ByGuest_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Hidden");

        var response = await ws.Guest.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task Get_ByGuestGrantedUse_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new
        {
            name = "Open to guests",
            memberRoleAccess = new[] { new { role = "guest", access = "use" } },
        });
        var task = await ws.AddTaskAsync(workflow.Id, "Shown");

        var response = await ws.Guest.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Get_UnknownTask_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_TaskOfAnotherWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var other = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(other.Id, "Elsewhere");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_InWorkflowOfAnotherWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();
        var task = await other.AddTaskAsync(foreign.Id, "Foreign");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{foreign.Id}/tasks/{task.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Private");

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Guarded");

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
