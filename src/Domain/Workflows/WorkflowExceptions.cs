using Workflows.Domain.Common;

namespace Workflows.Domain.Workflows;

public sealed class WorkflowHasTasksException(int taskCount) : RuleViolationException(ErrorCodes.WorkflowHasTasks,
    $"The workflow has {taskCount} task(s). Delete it with cascade=true to delete its tasks too.")
{
    public int TaskCount { get; } = taskCount;
}

public sealed class WorkflowNameConflictException(string name) : ConflictException(ErrorCodes.WorkflowNameConflict,
    $"A workflow named '{name}' already exists in this workspace (names are compared case-insensitively, archived workflows included).");

public sealed class WorkflowArchivedException() : ConflictException(ErrorCodes.WorkflowArchived,
    "The workflow is archived and cannot take new assignments. Unarchive it first.");

public sealed class InvalidReferenceException(string field, string message)
    : RuleViolationException(ErrorCodes.InvalidReference, message, field);

public sealed class TooManyTasksException() : RuleViolationException(ErrorCodes.TooManyTasks,
    $"A workflow can have at most {WorkflowLimits.MaxTasks} tasks.",
    "tasks");

public sealed class WorkflowAccessDeniedException(WorkflowAccess needed) : AccessDeniedException(
    $"You need '{needed.ToString().ToLowerInvariant()}' authority on this workflow.")
{
    public WorkflowAccess Needed { get; } = needed;
}
