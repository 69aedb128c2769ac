using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Tasks;
using Workflows.Application.Workflows.Queries.GetWorkflowDeletionPreview;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/deletion-preview</summary>
public sealed class DeletionPreviewTests
{
    [Test]
    public async Task Preview_ReturnsTaskCountTasksAndHasAssignmentsFalse()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var described = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(workflow.Id)}/tasks", new { name = "Collect details", description = "Ask for the order number." });
        Assert.That(described.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var first = await described.ReadAsync<TaskResponse>();
        var second = await ws.AddTaskAsync(workflow.Id, "Close", first.Id);

        var response = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = await response.ReadJsonDocumentAsync();
        var root = json.RootElement;
        Assert.That(root.PropertyNames(), Is.EquivalentTo(new[] { "taskCount", "tasks", "hasAssignments" }));
        Assert.That(root.GetProperty("tasks")[0].PropertyNames(), Is.EquivalentTo(new[] { "id", "name", "description" }));
        var preview = await response.ReadAsync<DeletionPreviewResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(preview.TaskCount, Is.EqualTo(2));
            Assert.That(preview.Tasks, Is.EquivalentTo(new[]
            {
                new DeletionPreviewTask(first.Id, "Collect details", "Ask for the order number."),
                new DeletionPreviewTask(second.Id, "Close", null),
            }));
            Assert.That(preview.HasAssignments, Is.False);
        });
    }

    [Test]
    public async Task Preview_OfAWorkflowWithoutTasks_ReturnsZeroAndAnEmptyList()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"taskCount":0,"tasks":[],"hasAssignments":false}"""));
    }

    [Test]
    public async Task Preview_OfAWorkflowWithAnAssignment_SaysHasAssignments()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        await ws.StartAssignmentAsync(workflow.Id);

        var response = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var preview = await response.ReadAsync<DeletionPreviewResponse>();
        Assert.That(preview.HasAssignments, Is.True);
        Assert.That(preview.TaskCount, Is.EqualTo(3));
    }

    [Test]
    public async Task Preview_OnlyCountsTheAssignmentsOfThisWorkflow()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var busy = await ws.CreateWorkflowAsync();
        await ws.StartAssignmentAsync(busy.Id);

        var response = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.ReadAsync<DeletionPreviewResponse>()).HasAssignments, Is.False);
    }

    [Test]
    public async Task Preview_CarriesAnETag_ThatACascadeDeleteAcceptsAsIfMatch()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var preview = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");
        var etag = preview.Headers.ETag?.Tag;
        Assert.That(etag, Is.Not.Null.And.Not.Empty);

        var delete = new HttpRequestMessage(HttpMethod.Delete, $"{ws.WorkflowUrl(workflow.Id)}?cascade=true");
        delete.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await ws.Admin.Client.SendAsync(delete);

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Preview_ByMemberWithEditAuthority_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("member", "edit");

        var response = await ws.Member.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Preview_ByMemberWithOnlyUse_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Member.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task Preview_ByGuest_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Guest.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task Preview_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/987654321/deletion-preview");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Preview_AnotherWorkspacesWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(foreign.Id)}/deletion-preview");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Preview_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.WorkflowUrl(workflow.Id)}/deletion-preview");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
