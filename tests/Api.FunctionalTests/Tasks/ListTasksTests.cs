using System.Net;
using Workflows.Application.Tasks;

namespace Workflows.Api.FunctionalTests.Tasks;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/tasks</summary>
public sealed class ListTasksTests
{
    [Test]
    public async Task List_ReturnsTheTasksOfTheWorkflowOnly_WithTheirTransitions()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();
        var other = await ws.CreateWorkflowAsync();
        await ws.AddTaskAsync(other.Id, "Elsewhere");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks");

        await response.ShouldSucceedAsync();
        var json = await BodyShape.ReadAsync(response);
        var page = await response.ReadAsync<Page<TaskResponse>>();
        Assert.Multiple(() =>
        {
            Assert.That(BodyShape.PropertiesOf(json), Is.EquivalentTo(new[] { "items", "nextCursor" }));
            Assert.That(page.Items.Select(t => t.Id), Is.EqualTo(new[] { c.Id, b.Id, a.Id }), "oldest first");
            Assert.That(page.Items.Select(t => t.NextTaskIds), Is.EqualTo(new[] { Array.Empty<long>(), new[] { c.Id }, new[] { b.Id } }));
            Assert.That(page.Items.Select(t => t.WorkflowId), Is.All.EqualTo(workflow.Id));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task List_PagesWithLimitAndCursor()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();
        var url = $"{ws.Root}/workflows/{workflow.Id}/tasks?limit=2";

        var first = await (await ws.Admin.Client.GetAsync(url)).ReadAsync<Page<TaskResponse>>();
        Assert.That(first.NextCursor, Is.Not.Null.And.Not.Empty);
        var second = await (await ws.Admin.Client.GetAsync($"{url}&cursor={Uri.EscapeDataString(first.NextCursor!)}")).ReadAsync<Page<TaskResponse>>();

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(t => t.Id), Is.EqualTo(new[] { c.Id, b.Id }));
            Assert.That(second.Items.Select(t => t.Id), Is.EqualTo(new[] { a.Id }));
            Assert.That(second.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task List_WithCursorOfAnotherWorkflow_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var (other, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var cursor = (await (await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{other.Id}/tasks?limit=1")).ReadAsync<Page<TaskResponse>>()).NextCursor;
        Assert.That(cursor, Is.Not.Null);

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks?cursor={Uri.EscapeDataString(cursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [TestCase(0)]
    [TestCase(201)]
    public async Task List_WithLimitOutOfRange_Returns400(int limit)
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks?limit={limit}");

        await response.ShouldBeValidationProblemAsync("limit");
    }

    [Test]
    public async Task List_ByMemberWithUseAuthority_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Member.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks");

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<Page<TaskResponse>>()).Items, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task List_ByGuest_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Guest.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task List_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/987654321/tasks");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WorkflowOfAnotherWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var (foreign, _, _, _) = await other.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{foreign.Id}/tasks");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}/tasks");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
