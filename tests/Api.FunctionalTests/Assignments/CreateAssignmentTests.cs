using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Assignments;

namespace Workflows.Api.FunctionalTests.Assignments;

/// <summary>POST /api/v2/w/{workspace_uuid}/assignments</summary>
public sealed class CreateAssignmentTests
{
    [Test]
    public async Task Create_Returns201WithTheWorkflowsUuidAndName()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Refunds");
        var before = DateTime.UtcNow.AddMinutes(-5);

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Refund order 1001" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var assignment = await response.ReadAsync<AssignmentResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(assignment.Id, Is.Positive);
            Assert.That(assignment.Uuid, Is.Not.EqualTo(Guid.Empty));
            Assert.That(assignment.WorkflowId, Is.EqualTo(workflow.Id));
            Assert.That(assignment.WorkflowUuid, Is.EqualTo(workflow.Uuid));
            Assert.That(assignment.WorkflowName, Is.EqualTo("Refunds"));
            Assert.That(assignment.Title, Is.EqualTo("Refund order 1001"));
            Assert.That(assignment.CreatedById, Is.EqualTo(ws.Member.MemberId));
            Assert.That(assignment.CreatedAt, Is.GreaterThan(before));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{ws.Root}/assignments/{assignment.Id}"));
        });
        Assert.That((await ws.GetAssignmentAsync(assignment.Id)).Uuid, Is.EqualTo(assignment.Uuid));
    }

    [Test]
    public async Task Create_ForArchivedWorkflow_Returns409WorkflowArchived_AndStoresNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveWorkflowAsync(workflow.Id);

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Too late" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_archived");
        var stored = await ws.Factory.QueryAsync(db => db.Assignments.CountAsync(a => a.WorkflowId == workflow.Id));
        Assert.That(stored, Is.Zero);
    }

    [Test]
    public async Task Create_AfterUnarchive_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.ArchiveWorkflowAsync(workflow.Id);
        var refused = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Refused" });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_archived");
        await ws.UnarchiveWorkflowAsync(workflow.Id);

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Accepted" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await response.ReadAsync<AssignmentResponse>()).Title, Is.EqualTo("Accepted"));
    }

    [Test]
    public async Task Create_ArchivingAfterwards_LeavesExistingAssignmentsReadable()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var assignment = await ws.StartAssignmentAsync(workflow.Id);

        await ws.ArchiveWorkflowAsync(workflow.Id);

        var read = await ws.GetAssignmentAsync(assignment.Id, ws.Member);
        Assert.Multiple(() =>
        {
            Assert.That(read.WorkflowId, Is.EqualTo(workflow.Id));
            Assert.That(read.Title, Is.EqualTo(assignment.Title));
        });
        Assert.That((await ws.ListAllAssignmentsAsync(ws.Member)).Select(a => a.Id), Does.Contain(assignment.Id));
    }

    [Test]
    public async Task Create_ByGuestWithoutUseAuthority_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Guest.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Not allowed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task Create_ByGuestGrantedUse_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.GrantAsync(workflow.Id, ("guest", "use"));

        var assignment = await ws.StartAssignmentAsync(workflow.Id, "Guest's work", ws.Guest);

        Assert.That(assignment.CreatedById, Is.EqualTo(ws.Guest.MemberId));
    }

    [Test]
    public async Task Create_UnknownWorkflow_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = 987654321L, title = "Nowhere" });

        await response.ShouldBeValidationProblemAsync("workflowId");
    }

    [Test]
    public async Task Create_WorkflowOfAnotherWorkspace_Returns400_AndStoresNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = foreign.Id, title = "Across" });

        await response.ShouldBeValidationProblemAsync("workflowId");
        var stored = await ws.Factory.QueryAsync(db => db.Assignments.CountAsync(a => a.WorkflowId == foreign.Id));
        Assert.That(stored, Is.Zero);
    }

    [Test]
    public async Task Create_WithoutWorkflowId_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { title = "Orphan" });

        await response.ShouldBeValidationProblemAsync("workflowId");
    }

    [Test]
    public async Task Create_WithoutTitle_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id });

        await response.ShouldBeValidationProblemAsync("title");
    }

    [Test]
    public async Task Create_BlankTitle_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "  " });

        await response.ShouldBeValidationProblemAsync("title");
    }

    [Test]
    public async Task Create_TitleLongerThan200_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = new string('t', 201) });

        await response.ShouldBeValidationProblemAsync("title");
    }

    [Test]
    public async Task Create_WorkflowIdAsText_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/assignments", """{ "workflowId": "one", "title": "x" }""");

        await response.ShouldBeValidationProblemAsync("workflowId");
    }

    [Test]
    public async Task Create_WithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Read only" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Create_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Stranger" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "Anonymous" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
