namespace Workflows.Domain.UnitTests.Workflows;

/// <summary>Tasks change only through their workflow, which keeps the graph inside itself.</summary>
public sealed class WorkflowTaskTests
{
    private static readonly long[] NoNext = [];

    [Test]
    public void AddTask_AddsTheTaskWithItsDetails_AndGrowsTheWorkflowVersion()
    {
        var workflow = Build.Workflow();
        workflow.ChangeSaved();
        var before = workflow.Version;

        var task = workflow.AddTask(new TaskDetails(" Greet ", "d", "p", 1.5, -2), NoNext);

        Assert.That(workflow.Tasks, Is.EqualTo(new[] { task }));
        Assert.That(task.Details, Is.EqualTo(new TaskDetails("Greet", "d", "p", 1.5, -2)));
        Assert.That(task.Workflow, Is.SameAs(workflow));
        Assert.That(task.WorkflowId, Is.EqualTo(workflow.Id));
        Assert.That(task.IsStart, Is.False);
        Assert.That(workflow.Version, Is.EqualTo(before + 1));
    }

    [Test]
    public void AddTask_WithNextTaskIdsOfThisWorkflow_LinksToThem()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        var qualify = Build.Task(workflow, "Qualify");

        var intro = workflow.AddTask(Build.Details("Intro"), [greet.Id, qualify.Id, greet.Id]);

        // A repeated id is one transition.
        Assert.That(intro.NextTaskIds, Is.EquivalentTo(new[] { greet.Id, qualify.Id }));
        Assert.That(intro.Transitions.Select(t => t.To), Is.EquivalentTo(new[] { greet, qualify }));
    }

    [Test]
    public void AddTask_WithUnknownNextTaskId_ThrowsInvalidReferenceOnNextTaskIds()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AddTask(Build.Details("Greet"), [404]), Fails.InvalidReference("nextTaskIds"));
        Assert.That(workflow.Tasks, Is.Empty);
    }

    [Test]
    public void AddTask_WithNextTaskIdOfAnotherWorkflow_ThrowsInvalidReferenceOnNextTaskIds()
    {
        var other = Build.Workflow("Other");
        var foreign = Build.Task(other, "Foreign");
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AddTask(Build.Details("Greet"), [foreign.Id]), Fails.InvalidReference("nextTaskIds"));
    }

    [Test]
    public void AddTask_FromTemplate_WithNextTaskOfAnotherWorkflow_ThrowsInvalidReferenceOnNextTaskIds()
    {
        var foreign = Build.Task(Build.Workflow("Other"), "Foreign");
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AddTask(Build.Details("Greet"), [foreign]), Fails.InvalidReference("nextTaskIds"));
    }

    [Test]
    public void AddTask_FromTemplate_AsStart_IsTheOnlyStart()
    {
        // Template tasks have no ids yet: the graph is built from the task objects.
        var workflow = Build.Workflow();
        var first = workflow.AddTask(Build.Details("First"), [], isStart: true);

        var second = workflow.AddTask(Build.Details("Second"), [first], isStart: true);

        Assert.That(workflow.Tasks.Where(t => t.IsStart), Is.EqualTo(new[] { second }));
        Assert.That(second.Transitions.Single().To, Is.SameAs(first));
    }

    [Test]
    public void AddTask_Limit_Is1000Tasks()
    {
        var workflow = Build.Workflow();
        for (var i = 0; i < WorkflowLimits.MaxTasks; i++)
            workflow.AddTask(Build.Details($"Task {i}"), NoNext);

        Assert.That(workflow.Tasks, Has.Count.EqualTo(1_000));
        Assert.That(() => workflow.AddTask(Build.Details("One too many"), NoNext),
            Throws.TypeOf<TooManyTasksException>().With.Property(nameof(DomainException.Code)).EqualTo("too_many_tasks"));
        Assert.That(() => workflow.AddTask(Build.Details("One too many"), Array.Empty<WorkflowTask>()),
            Throws.TypeOf<TooManyTasksException>());
        Assert.That(workflow.Tasks, Has.Count.EqualTo(1_000));
    }

    [Test]
    public void AddTask_WithBlankName_ThrowsOnName()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AddTask(new TaskDetails(" ", null, null, null, null), NoNext), Fails.On("name"));
        Assert.That(workflow.Tasks, Is.Empty);
    }

    [Test]
    public void AddTask_TextLimits_AreTheWorkflows()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AddTask(new TaskDetails(Build.Text(201), null, null, null, null), NoNext), Fails.On("name"));
        Assert.That(() => workflow.AddTask(new TaskDetails("t", Build.Text(2_001), null, null, null), NoNext), Fails.On("description"));
        Assert.That(() => workflow.AddTask(new TaskDetails("t", null, Build.Text(32_001), null, null), NoNext), Fails.On("prompt"));
        Assert.That(() => workflow.AddTask(new TaskDetails(Build.Text(200), Build.Text(2_000), Build.Text(32_000), null, null), NoNext), Throws.Nothing);
    }

    [Test]
    public void ConnectTask_ToTaskOfAnotherWorkflow_ThrowsInvalidReferenceOnNextTaskIds()
    {
        var workflow = Build.Workflow();
        var task = workflow.AddTask(Build.Details("Greet"), [], isStart: false);
        var foreign = Build.Task(Build.Workflow("Other"), "Foreign");

        Assert.That(() => workflow.ConnectTask(task, [foreign]), Fails.InvalidReference("nextTaskIds"));
        Assert.That(task.Transitions, Is.Empty);
    }

    // ---- update ------------------------------------------------------------------------------

    [Test]
    public void UpdateTask_WithNullNextTaskIds_KeepsTransitions()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        var intro = Build.Task(workflow, "Intro", greet.Id);

        workflow.UpdateTask(intro.Id, Build.Details("Introduction"), nextTaskIds: null);

        Assert.That(intro.Name, Is.EqualTo("Introduction"));
        Assert.That(intro.NextTaskIds, Is.EqualTo(new[] { greet.Id }));
    }

    [Test]
    public void UpdateTask_WithEmptyNextTaskIds_RemovesTransitions()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        var intro = Build.Task(workflow, "Intro", greet.Id);

        workflow.UpdateTask(intro.Id, intro.Details, NoNext);

        Assert.That(intro.Transitions, Is.Empty);
    }

    [Test]
    public void UpdateTask_WithNextTaskIdOfAnotherWorkflow_ThrowsAndChangesNothing()
    {
        var workflow = Build.Workflow();
        var intro = Build.Task(workflow, "Intro");
        var foreign = Build.Task(Build.Workflow("Other"), "Foreign");

        Assert.That(() => workflow.UpdateTask(intro.Id, Build.Details("Renamed"), [foreign.Id]), Fails.InvalidReference("nextTaskIds"));
        Assert.That(intro.Name, Is.EqualTo("Intro"));
    }

    [Test]
    public void UpdateTask_Unchanged_GrowsNeitherVersion()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        var intro = Build.Task(workflow, "Intro", greet.Id);
        workflow.ChangeSaved();
        var (workflowBefore, taskBefore) = (workflow.Version, intro.Version);

        workflow.UpdateTask(intro.Id, intro.Details, [greet.Id]);

        Assert.That((workflow.Version, intro.Version), Is.EqualTo((workflowBefore, taskBefore)));
    }

    [Test]
    public void UpdateTask_Changed_GrowsTaskAndWorkflowVersions()
    {
        // The workflow's ETag covers its tasks too.
        var workflow = Build.Workflow();
        var intro = Build.Task(workflow, "Intro");
        workflow.ChangeSaved();
        var (workflowBefore, taskBefore) = (workflow.Version, intro.Version);

        workflow.UpdateTask(intro.Id, intro.Details with { PosX = 99 }, nextTaskIds: null);

        Assert.That(intro.Version, Is.EqualTo(taskBefore + 1));
        Assert.That(workflow.Version, Is.EqualTo(workflowBefore + 1));
    }

    // ---- start task --------------------------------------------------------------------------

    [Test]
    public void SetStartTask_TaskOfThisWorkflow_BecomesTheOnlyStart()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        var qualify = Build.Task(workflow, "Qualify");
        workflow.SetStartTask(greet.Id);

        workflow.SetStartTask(qualify.Id);

        Assert.That(workflow.StartTaskId, Is.EqualTo(qualify.Id));
        Assert.That(workflow.Tasks.Where(t => t.IsStart), Is.EqualTo(new[] { qualify }));
    }

    [Test]
    public void SetStartTask_Null_ClearsTheStart()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        workflow.SetStartTask(greet.Id);

        workflow.SetStartTask(null);

        Assert.That(workflow.StartTaskId, Is.Null);
        Assert.That(greet.IsStart, Is.False);
    }

    [Test]
    public void SetStartTask_UnknownTask_ThrowsInvalidReferenceOnStartTaskId()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        workflow.SetStartTask(greet.Id);

        Assert.That(() => workflow.SetStartTask(404), Fails.InvalidReference("startTaskId"));
        Assert.That(workflow.StartTaskId, Is.EqualTo(greet.Id));
    }

    [Test]
    public void SetStartTask_TaskOfAnotherWorkflow_ThrowsInvalidReferenceOnStartTaskId()
    {
        var foreign = Build.Task(Build.Workflow("Other"), "Foreign");
        var workflow = Build.Workflow();
        Build.Task(workflow, "Greet");

        Assert.That(() => workflow.SetStartTask(foreign.Id), Fails.InvalidReference("startTaskId"));
    }

    [Test]
    public void SetStartTask_SameStartAgain_IsNoChange()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        workflow.SetStartTask(greet.Id);
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.SetStartTask(greet.Id);

        Assert.That(workflow.Version, Is.EqualTo(before));
    }

    // ---- remove ------------------------------------------------------------------------------

    [Test]
    public void RemoveTask_RemovesTheTaskAndEveryTransitionLeadingToIt()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        var qualify = Build.Task(workflow, "Qualify");
        var intro = Build.Task(workflow, "Intro", greet.Id, qualify.Id);
        var wrapUp = Build.Task(workflow, "Wrap up", greet.Id);

        workflow.RemoveTask(greet.Id);

        Assert.That(workflow.Tasks, Is.EquivalentTo(new[] { qualify, intro, wrapUp }));
        Assert.That(intro.NextTaskIds, Is.EqualTo(new[] { qualify.Id }));
        Assert.That(wrapUp.Transitions, Is.Empty);
    }

    [Test]
    public void RemoveTask_OfTheStartTask_LeavesNoStart()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        Build.Task(workflow, "Qualify");
        workflow.SetStartTask(greet.Id);

        workflow.RemoveTask(greet.Id);

        Assert.That(workflow.StartTaskId, Is.Null);
        Assert.That(workflow.Tasks.Any(t => t.IsStart), Is.False);
    }

    [Test]
    public void RemoveTask_GrowsTheVersion()
    {
        var workflow = Build.Workflow();
        var greet = Build.Task(workflow, "Greet");
        workflow.ChangeSaved();
        var before = workflow.Version;

        workflow.RemoveTask(greet.Id);

        Assert.That(workflow.Version, Is.GreaterThan(before));
    }
}
