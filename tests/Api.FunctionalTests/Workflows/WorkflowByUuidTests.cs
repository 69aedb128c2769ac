using System.Net;
using Workflows.Application.Tasks;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>
/// Every operation under <c>workflows/{workflow_id}</c> takes the workflow's uuid as well as its
/// integer id, and answers the same: the contract declares the parameter once, one type for all.
/// </summary>
public sealed class WorkflowByUuidTests
{
    private static async Task<(TestWorkspace Ws, WorkflowResponse Workflow, string ByUuid)> WorkflowAsync()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        return (ws, workflow, $"{ws.Root}/workflows/{workflow.Uuid}");
    }

    [Test]
    public async Task Update_ByUuid_ChangesTheWorkflow_AndHonoursIfMatch()
    {
        var (ws, workflow, byUuid) = await WorkflowAsync();
        var read = await ws.Admin.Client.GetAsync(byUuid);

        var updated = await ws.Admin.Client.PutJsonAsync(byUuid, new { description = "by uuid" });
        await updated.ShouldSucceedAsync();
        var body = await updated.ReadAsync<WorkflowResponse>();
        Assert.That((body.Id, body.Description), Is.EqualTo((workflow.Id, "by uuid")));

        using var stale = new HttpRequestMessage(HttpMethod.Put, byUuid) { Content = System.Net.Http.Json.JsonContent.Create(new { description = "stale" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        Assert.That((await ws.Admin.Client.SendAsync(stale)).StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Description, Is.EqualTo("by uuid"));
    }

    [Test]
    public async Task ArchiveAndUnarchive_ByUuid_ArchiveAndRestoreTheWorkflow()
    {
        var (ws, workflow, byUuid) = await WorkflowAsync();

        await (await ws.Admin.Client.PostAsync($"{byUuid}/archive", null)).ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.True);
        await (await ws.Admin.Client.PostAsync($"{byUuid}/unarchive", null)).ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Archived, Is.False);
    }

    [Test]
    public async Task Clone_ByUuid_CopiesTheWorkflow_AndLocationNamesTheCopyById()
    {
        var (ws, workflow, byUuid) = await WorkflowAsync();
        await ws.AddTaskAsync(workflow.Id, "T");

        var response = await ws.Admin.Client.PostJsonAsync($"{byUuid}/clone", new { name = "Copy by uuid" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await response.ReadAsync<WorkflowResponse>();
        Assert.That(copy.Tasks.Select(t => t.Name), Is.EqualTo(new[] { "T" }));
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/workflows/{copy.Id}"));
    }

    [Test]
    public async Task DeletionPreviewAndDelete_ByUuid_PreviewAndDeleteTheWorkflow()
    {
        var (ws, workflow, byUuid) = await WorkflowAsync();
        await ws.AddTaskAsync(workflow.Id, "T");

        var preview = await ws.Admin.Client.GetAsync($"{byUuid}/deletion-preview");
        await preview.ShouldSucceedAsync();
        Assert.That((await preview.ReadAsync<DeletionPreviewResponseShape>()).TaskCount, Is.EqualTo(1));

        await (await ws.Admin.Client.DeleteAsync($"{byUuid}?cascade=true")).ShouldSucceedAsync();
        Assert.That((await ws.Admin.Client.GetAsync(ws.WorkflowUrl(workflow.Id))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ws.Admin.Client.GetAsync(byUuid)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task SaveAsTemplate_ByUuid_SavesTheWorkflow()
    {
        var (ws, _, byUuid) = await WorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{byUuid}/save-as-template", new { name = "Template by uuid" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task Tasks_ByUuid_AreCreatedListedReadUpdatedAndDeleted_UnderTheWorkflow()
    {
        var (ws, workflow, byUuid) = await WorkflowAsync();

        var created = await ws.Admin.Client.PostJsonAsync($"{byUuid}/tasks", new { name = "By uuid" });
        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var task = await created.ReadAsync<TaskResponse>();
        Assert.That(task.WorkflowId, Is.EqualTo(workflow.Id));
        Assert.That(created.Headers.Location?.ToString(), Does.EndWith($"/workflows/{workflow.Id}/tasks/{task.Id}"), "the canonical address, by id");

        var list = await ws.Admin.Client.GetAsync($"{byUuid}/tasks");
        await list.ShouldSucceedAsync();
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Contain("By uuid"));
        await (await ws.Admin.Client.GetAsync($"{byUuid}/tasks/{task.Id}")).ShouldSucceedAsync();
        var updated = await ws.Admin.Client.PutJsonAsync($"{byUuid}/tasks/{task.Id}", new { name = "Renamed" });
        await updated.ShouldSucceedAsync();
        Assert.That((await updated.ReadAsync<TaskResponse>()).Name, Is.EqualTo("Renamed"));
        await (await ws.Admin.Client.DeleteAsync($"{byUuid}/tasks/{task.Id}")).ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Tasks, Is.Empty);
    }

    [Test]
    public async Task AnotherWorkspacesWorkflow_ByUuid_IsNotFound_OnEveryOperation()
    {
        var (_, _, byUuid) = await WorkflowAsync();
        var other = await TestWorkspace.CreateAsync();
        var elsewhere = byUuid.Replace(byUuid.Split('/')[3], other.Uuid.ToString(), StringComparison.Ordinal);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await other.Admin.Client.GetAsync(elsewhere)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Admin.Client.PutJsonAsync(elsewhere, new { description = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Admin.Client.PostAsync($"{elsewhere}/archive", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Admin.Client.GetAsync($"{elsewhere}/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Admin.Client.DeleteAsync(elsewhere)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private sealed record DeletionPreviewResponseShape(int TaskCount);
}
