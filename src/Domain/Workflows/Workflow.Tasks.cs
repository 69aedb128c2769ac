namespace Workflows.Domain.Workflows;

/// <summary>The workflow's task graph: its tasks, the transitions between them and its start task.</summary>
public sealed partial class Workflow
{
    public WorkflowTask? FindTask(long taskId) => _tasks.FirstOrDefault(t => t.Id == taskId);

    public WorkflowTask AddTask(TaskDetails details, IReadOnlyCollection<long> nextTaskIds)
    {
        if (_tasks.Count >= WorkflowLimits.MaxTasks) throw new TooManyTasksException();
        var next = ResolveTasks(nextTaskIds);
        var task = new WorkflowTask(this, details);
        task.ReplaceTransitions(next);
        _tasks.Add(task);
        Touch();
        return task;
    }

    /// <summary>Adds a task whose transitions point at tasks that may not have ids yet (templates).</summary>
    public WorkflowTask AddTask(TaskDetails details, IEnumerable<WorkflowTask> next, bool isStart = false)
    {
        if (_tasks.Count >= WorkflowLimits.MaxTasks) throw new TooManyTasksException();
        var targets = next.ToList();
        if (targets.Any(t => !_tasks.Contains(t)))
            throw new InvalidReferenceException("nextTaskIds", "Transitions may only point at tasks of the same workflow.");
        var task = new WorkflowTask(this, details);
        task.ReplaceTransitions(targets);
        if (isStart)
        {
            foreach (var other in _tasks) other.SetStart(false);
            task.SetStart(true);
        }
        _tasks.Add(task);
        Touch();
        return task;
    }

    /// <summary>Links an existing task on to further tasks (templates build their graph this way).</summary>
    public void ConnectTask(WorkflowTask task, IEnumerable<WorkflowTask> next)
    {
        var targets = next.ToList();
        if (!_tasks.Contains(task) || targets.Any(t => !_tasks.Contains(t)))
            throw new InvalidReferenceException("nextTaskIds", "Transitions may only point at tasks of the same workflow.");
        task.ReplaceTransitions(targets);
        Touch();
    }

    /// <summary>Changes a task; <paramref name="nextTaskIds"/> null leaves its transitions as they are.</summary>
    public WorkflowTask UpdateTask(long taskId, TaskDetails details, IReadOnlyCollection<long>? nextTaskIds)
    {
        var task = FindTask(taskId) ?? throw new InvalidOperationException($"Task {taskId} is not part of workflow {Id}.");
        var next = nextTaskIds is null ? null : ResolveTasks(nextTaskIds);
        var before = task.Version;
        task.Apply(details);
        if (next is not null) task.ReplaceTransitions(next);
        if (task.Version != before) Touch();
        return task;
    }

    /// <summary>Removes a task and every transition that led to it; if it was the start, there is none now.</summary>
    public void RemoveTask(long taskId)
    {
        var task = FindTask(taskId) ?? throw new InvalidOperationException($"Task {taskId} is not part of workflow {Id}.");
        foreach (var other in _tasks) other.RemoveTransitionsTo(task);
        _tasks.Remove(task);
        Touch();
    }

    private List<WorkflowTask> ResolveTasks(IReadOnlyCollection<long> ids)
    {
        var found = new List<WorkflowTask>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            found.Add(FindTask(id) ?? throw new InvalidReferenceException(
                "nextTaskIds", $"Task {id} is not a task of this workflow."));
        }
        return found;
    }
}
