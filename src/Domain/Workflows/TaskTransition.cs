namespace Workflows.Domain.Workflows;

/// <summary>An edge of the workflow's diagram: work may move from one task to the next.</summary>
public sealed class TaskTransition
{
    private TaskTransition() { }

    internal TaskTransition(WorkflowTask from, WorkflowTask to)
    {
        From = from;
        To = to;
        FromTaskId = from.Id;
        ToTaskId = to.Id;
    }

    public long FromTaskId { get; private set; }
    public WorkflowTask From { get; private set; } = null!;
    public long ToTaskId { get; private set; }
    public WorkflowTask To { get; private set; } = null!;
}
