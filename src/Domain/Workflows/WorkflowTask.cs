using Workflows.Domain.Common;

namespace Workflows.Domain.Workflows;

/// <summary>
/// A step of a workflow. Tasks belong to the <see cref="Workflow"/> aggregate and change only
/// through it, so that the workflow's rules (limits, transitions inside the workflow, the start
/// task) always hold.
/// </summary>
public sealed class WorkflowTask : IEntity
{
    private readonly List<TaskTransition> _transitions = [];

    private WorkflowTask() { }

    internal WorkflowTask(Workflow workflow, TaskDetails details)
    {
        Uuid = Guid.NewGuid();
        Workflow = workflow;
        WorkflowId = workflow.Id;
        Version = 1;
        Apply(details);
    }

    public long Id { get; private set; }
    public Guid Uuid { get; private set; }
    public long WorkflowId { get; private set; }
    public Workflow Workflow { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public string? Description { get; private set; }
    public string? Prompt { get; private set; }
    public double? PosX { get; private set; }
    public double? PosY { get; private set; }

    /// <summary>Whether work through the workflow begins here (at most one task of a workflow).</summary>
    public bool IsStart { get; private set; }

    /// <summary>Grows with every change; the optimistic-concurrency token and the ETag source.</summary>
    public long Version { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<TaskTransition> Transitions => _transitions;
    public IEnumerable<long> NextTaskIds => _transitions.Select(t => t.ToTaskId);
    public TaskDetails Details => new(Name, Description, Prompt, PosX, PosY);

    internal void Apply(TaskDetails details)
    {
        if (Name is not null && details with { Name = details.Name?.Trim()! } == Details) return;
        Name = Guard.Text(details.Name, "name", WorkflowLimits.NameMaxLength);
        Description = Guard.OptionalText(details.Description, "description", WorkflowLimits.DescriptionMaxLength, TextKind.MultiLine);
        Prompt = Guard.OptionalText(details.Prompt, "prompt", WorkflowLimits.PromptMaxLength, TextKind.MultiLine);
        PosX = details.PosX;
        PosY = details.PosY;
        Touch();
    }

    internal void SetStart(bool isStart)
    {
        if (IsStart == isStart) return;
        IsStart = isStart;
        Touch();
    }

    internal void ReplaceTransitions(IEnumerable<WorkflowTask> next)
    {
        var targets = next.Distinct().ToList();
        if (targets.Count == _transitions.Count && targets.All(t => _transitions.Any(tr => ReferenceEquals(tr.To, t) || (t.Id != 0 && tr.ToTaskId == t.Id))))
            return;
        _transitions.Clear();
        _transitions.AddRange(targets.Select(to => new TaskTransition(this, to)));
        Touch();
    }

    internal bool RemoveTransitionsTo(WorkflowTask target)
    {
        if (_transitions.RemoveAll(t => ReferenceEquals(t.To, target) || (target.Id != 0 && t.ToTaskId == target.Id)) == 0)
            return false;
        Touch();
        return true;
    }

    private void Touch() => Version++;
}
