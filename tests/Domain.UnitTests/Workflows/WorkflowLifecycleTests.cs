using Workflows.Domain.Assignments;

namespace Workflows.Domain.UnitTests.Workflows;

/// <summary>Archiving, taking assignments and deleting.</summary>
public sealed class WorkflowLifecycleTests
{
    [Test]
    public void Archive_ArchivesOnce_AndAgainIsNoChange()
    {
        var workflow = Build.Workflow();
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.Archive();
        workflow.Archive();

        Assert.That(workflow.IsArchived, Is.True);
        Assert.That(workflow.Version, Is.EqualTo(before + 1));
    }

    [Test]
    public void Unarchive_UnarchivesOnce_AndAgainIsNoChange()
    {
        var workflow = Build.Workflow();
        workflow.Archive();
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.Unarchive();
        workflow.Unarchive();

        Assert.That(workflow.IsArchived, Is.False);
        Assert.That(workflow.Version, Is.EqualTo(before + 1));
    }

    [Test]
    public void Unarchive_NeverArchived_IsNoChange()
    {
        var workflow = Build.Workflow();
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.Unarchive();

        Assert.That(workflow.Version, Is.EqualTo(before));
    }

    [Test]
    public void EnsureCanTakeAssignments_Archived_ThrowsWorkflowArchived()
    {
        var workflow = Build.Workflow();
        workflow.Archive();

        Assert.That(() => workflow.EnsureCanTakeAssignments(),
            Throws.TypeOf<WorkflowArchivedException>().With.Property(nameof(DomainException.Code)).EqualTo("workflow_archived"));
    }

    [Test]
    public void EnsureCanTakeAssignments_Unarchived_Passes()
    {
        var workflow = Build.Workflow();
        workflow.Archive();
        workflow.Unarchive();

        Assert.That(() => workflow.EnsureCanTakeAssignments(), Throws.Nothing);
    }

    [Test]
    public void StartAssignment_OnArchivedWorkflow_ThrowsWorkflowArchived()
    {
        var workflow = Build.Workflow();
        workflow.Archive();

        Assert.That(() => Assignment.Start(workflow, "Call Ada", createdById: 1), Throws.TypeOf<WorkflowArchivedException>());
    }

    [Test]
    public void StartAssignment_KeepsASnapshotOfTheWorkflowsNameAndUuid()
    {
        // The assignment outlives the workflow, so it remembers what it ran through.
        var workflow = Build.Workflow("Onboarding");

        var assignment = Assignment.Start(workflow, " Call Ada ", createdById: 1);

        Assert.That(assignment.WorkflowName, Is.EqualTo("Onboarding"));
        Assert.That(assignment.WorkflowUuid, Is.EqualTo(workflow.Uuid));
        Assert.That(assignment.WorkflowId, Is.EqualTo(workflow.Id));
        Assert.That(assignment.Title, Is.EqualTo("Call Ada"));
    }

    // ---- delete ------------------------------------------------------------------------------

    [Test]
    public void EnsureCanBeDeleted_WithTasksWithoutCascade_ThrowsWorkflowHasTasks()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.EnsureCanBeDeleted(taskCount: 3, cascade: false),
            Throws.TypeOf<WorkflowHasTasksException>()
                .With.Property(nameof(WorkflowHasTasksException.TaskCount)).EqualTo(3)
                .And.Property(nameof(DomainException.Code)).EqualTo("workflow_has_tasks"));
    }

    [Test]
    public void EnsureCanBeDeleted_WithTasksWithCascade_Passes()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.EnsureCanBeDeleted(taskCount: 3, cascade: true), Throws.Nothing);
    }

    [Test]
    public void EnsureCanBeDeleted_WithoutTasks_PassesWithoutCascade()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.EnsureCanBeDeleted(taskCount: 0, cascade: false), Throws.Nothing);
    }
}
