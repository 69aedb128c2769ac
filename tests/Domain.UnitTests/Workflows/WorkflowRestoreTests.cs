namespace Workflows.Domain.UnitTests.Workflows;

/// <summary>Putting an earlier task graph back (restoring a version) through the aggregate's rules.</summary>
public sealed class WorkflowRestoreTests
{
    [Test]
    public void ReplaceTaskGraph_KeepsTasksThatStillExist_AddsTheGoneOnes_RemovesTheRest_AsOneVersion()
    {
        var workflow = Build.Workflow();
        var a = Build.Task(workflow, "A");
        var b = Build.Task(workflow, "B");
        var extra = Build.Task(workflow, "Extra");
        workflow.ChangeSaved();
        var before = workflow.Version;
        const long goneId = 999_999;

        var tasks = workflow.ReplaceTaskGraph(
        [
            new TaskState(a.Id, Build.Details("A"), [b.Id], IsStart: true),
            new TaskState(b.Id, Build.Details("B again"), [goneId], IsStart: false),
            new TaskState(goneId, Build.Details("C"), [], IsStart: false),
        ]);

        Assert.That(workflow.Tasks.Select(t => t.Name), Is.EqualTo(new[] { "A", "B again", "C" }));
        Assert.That(workflow.Tasks, Has.None.SameAs(extra));
        Assert.That(tasks[a.Id], Is.SameAs(a));
        Assert.That(tasks[b.Id], Is.SameAs(b));
        Assert.That(b.Transitions.Single().To, Is.SameAs(tasks[goneId]), "a transition to a task that comes back points at it");
        Assert.That(a.IsStart, Is.True);
        Assert.That(workflow.Version, Is.EqualTo(before + 1));
    }

    [Test]
    public void ReplaceTaskGraph_RefusesTransitionsOutsideTheGraph_AndTooManyTasks()
    {
        var workflow = Build.Workflow();
        var a = Build.Task(workflow, "A");

        Assert.That(() => workflow.ReplaceTaskGraph([new TaskState(a.Id, Build.Details("A"), [12345], false)]),
            Throws.TypeOf<RuleViolationException>());
        var tooMany = Enumerable.Range(1, WorkflowLimits.MaxTasks + 1).Select(i => new TaskState(i, Build.Details($"T{i}"), [], false)).ToList();
        Assert.That(() => workflow.ReplaceTaskGraph(tooMany), Throws.TypeOf<TooManyTasksException>());
        Assert.That(workflow.Tasks, Is.EqualTo(new[] { a }), "a refused graph changes nothing");
    }
}
