using Workflows.Domain.Common;

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
        Touch("tasks");
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
        Touch("tasks");
        return task;
    }

    /// <summary>Links an existing task on to further tasks (templates build their graph this way).</summary>
    public void ConnectTask(WorkflowTask task, IEnumerable<WorkflowTask> next)
    {
        var targets = next.ToList();
        if (!_tasks.Contains(task) || targets.Any(t => !_tasks.Contains(t)))
            throw new InvalidReferenceException("nextTaskIds", "Transitions may only point at tasks of the same workflow.");
        task.ReplaceTransitions(targets);
        Touch("tasks");
    }

    /// <summary>Changes a task; <paramref name="nextTaskIds"/> null leaves its transitions as they are.</summary>
    public WorkflowTask UpdateTask(long taskId, TaskDetails details, IReadOnlyCollection<long>? nextTaskIds)
    {
        var task = FindTask(taskId) ?? throw new InvalidOperationException($"Task {taskId} is not part of workflow {Id}.");
        var next = nextTaskIds is null ? null : ResolveTasks(nextTaskIds);
        var before = task.Version;
        task.Apply(details);
        if (next is not null) task.ReplaceTransitions(next);
        if (task.Version != before) Touch("tasks");
        return task;
    }

    /// <summary>Removes a task and every transition that led to it; if it was the start, there is none now.</summary>
    public void RemoveTask(long taskId)
    {
        var task = FindTask(taskId) ?? throw new InvalidOperationException($"Task {taskId} is not part of workflow {Id}.");
        foreach (var other in _tasks) other.RemoveTransitionsTo(task);
        _tasks.Remove(task);
        Touch("tasks");
    }

    /// <summary>
    /// Makes the task graph what <paramref name="tasks"/> describes (restoring an earlier version):
    /// a task whose id is still here is kept and changed in place, one that is gone comes back as a
    /// new task, and tasks not listed are removed; then the transitions and the start task are set
    /// as listed. Answers the task each listed id now stands for. The rules of the graph hold as
    /// for any other change: at most <see cref="WorkflowLimits.MaxTasks"/> tasks, transitions only
    /// between tasks of the workflow, at most one start task.
    /// </summary>
    public IReadOnlyDictionary<long, WorkflowTask> ReplaceTaskGraph(IReadOnlyList<TaskState> tasks)
    {
        if (tasks.Count > WorkflowLimits.MaxTasks) throw new TooManyTasksException();
        var listed = tasks.Select(t => t.Id).ToHashSet();
        if (listed.Count != tasks.Count || tasks.Count(t => t.IsStart) > 1
            || tasks.Any(t => t.NextTaskIds.Any(id => !listed.Contains(id))))
            throw new RuleViolationException(ErrorCodes.InvalidValue, "The tasks to restore do not form a valid workflow.", "tasks");

        foreach (var gone in _tasks.Where(t => !listed.Contains(t.Id)).ToList()) RemoveTask(gone.Id);
        var byId = new Dictionary<long, WorkflowTask>(tasks.Count);
        foreach (var state in tasks)
        {
            if (FindTask(state.Id) is { } kept)
            {
                UpdateTask(kept.Id, state.Details, null);
                byId[state.Id] = kept;
            }
            else
            {
                byId[state.Id] = AddTask(state.Details, Array.Empty<long>());
            }
        }
        foreach (var state in tasks)
        {
            var task = byId[state.Id];
            var before = task.Version;
            task.ReplaceTransitions(state.NextTaskIds.Select(id => byId[id]));
            task.SetStart(state.IsStart);
            if (task.Version != before) Touch("tasks");
        }
        return byId;
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
