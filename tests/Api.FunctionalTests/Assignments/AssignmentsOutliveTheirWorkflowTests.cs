using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;

namespace Workflows.Api.FunctionalTests.Assignments;

/// <summary>Deleting a workflow never deletes its assignments: they keep the workflow's name and uuid.</summary>
public sealed class AssignmentsOutliveTheirWorkflowTests
{
    [Test]
    public async Task CascadeDelete_KeepsAssignments_WithTheWorkflowsNameAndUuid()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync("Returns desk");
        var first = await ws.StartAssignmentAsync(workflow.Id, "Return 1");
        var second = await ws.StartAssignmentAsync(workflow.Id, "Return 2", ws.Member);

        var delete = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}?cascade=true");

        await delete.ShouldSucceedAsync();
        foreach (var started in new[] { first, second })
        {
            var read = await ws.GetAssignmentAsync(started.Id);
            Assert.Multiple(() =>
            {
                Assert.That(read.WorkflowId, Is.Null, "the link to the deleted workflow is gone");
                Assert.That(read.WorkflowUuid, Is.EqualTo(workflow.Uuid));
                Assert.That(read.WorkflowName, Is.EqualTo("Returns desk"));
                Assert.That((read.Uuid, read.Title, read.CreatedById, read.CreatedAt),
                    Is.EqualTo((started.Uuid, started.Title, started.CreatedById, started.CreatedAt)));
            });
        }
        var stored = await ws.Factory.QueryAsync(db => db.Assignments.CountAsync(a => a.WorkflowUuid == workflow.Uuid));
        Assert.That(stored, Is.EqualTo(2));
    }

    [Test]
    public async Task DeleteWithoutTasks_KeepsAssignments()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "No tasks");
        var started = await ws.StartAssignmentAsync(workflow.Id);

        var delete = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await delete.ShouldSucceedAsync();
        var read = await ws.GetAssignmentAsync(started.Id);
        Assert.That((read.WorkflowId, read.WorkflowUuid, read.WorkflowName), Is.EqualTo(((long?)null, workflow.Uuid, "No tasks")));
    }

    [Test]
    public async Task Delete_KeepsTheSnapshotOfTheNameTheAssignmentStartedWith()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Old name");
        var started = await ws.StartAssignmentAsync(workflow.Id);
        await ws.UpdateWorkflowAsync(workflow.Id, new { name = "New name" });

        var delete = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await delete.ShouldSucceedAsync();
        Assert.That((await ws.GetAssignmentAsync(started.Id)).WorkflowName, Is.EqualTo("Old name"));
    }

    [Test]
    public async Task CascadeDelete_AssignmentsStayListed()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var kept = await ws.CreateWorkflowAsync();
        var orphan = await ws.StartAssignmentAsync(workflow.Id);
        var other = await ws.StartAssignmentAsync(kept.Id);

        var delete = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}?cascade=true");

        await delete.ShouldSucceedAsync();
        var byAdmin = await ws.ListAllAssignmentsAsync();
        var byMember = await ws.ListAllAssignmentsAsync(ws.Member);
        var ofKept = await ws.ListAllAssignmentsAsync(workflowId: kept.Id);
        Assert.Multiple(() =>
        {
            Assert.That(byAdmin.Select(a => a.Id), Is.EqualTo(new[] { orphan.Id, other.Id }));
            Assert.That(byMember.Select(a => a.Id), Is.EqualTo(new[] { orphan.Id, other.Id }));
            Assert.That(ofKept.Select(a => a.Id), Is.EqualTo(new[] { other.Id }));
        });
    }

    [Test]
    public async Task DeletionPreview_HasAssignments_ReflectsTheWorkflowsAssignments()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (withAssignments, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var without = await ws.CreateWorkflowAsync();
        await ws.StartAssignmentAsync(withAssignments.Id);

        var yes = await ws.Admin.Client.GetJsonAsync<Preview>($"{ws.Root}/workflows/{withAssignments.Id}/deletion-preview");
        var no = await ws.Admin.Client.GetJsonAsync<Preview>($"{ws.Root}/workflows/{without.Id}/deletion-preview");

        Assert.Multiple(() =>
        {
            Assert.That((yes!.TaskCount, yes.HasAssignments), Is.EqualTo((3, true)));
            Assert.That((no!.TaskCount, no.HasAssignments), Is.EqualTo((0, false)));
        });
    }

    [Test]
    public async Task DeletionPreview_HasAssignments_CountsAssignmentsOfAnArchivedWorkflow()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.StartAssignmentAsync(workflow.Id);
        await ws.ArchiveWorkflowAsync(workflow.Id);

        var preview = await ws.Admin.Client.GetJsonAsync<Preview>($"{ws.Root}/workflows/{workflow.Id}/deletion-preview");

        Assert.That(preview!.HasAssignments, Is.True);
    }

    private sealed record Preview(int TaskCount, bool HasAssignments);
}
