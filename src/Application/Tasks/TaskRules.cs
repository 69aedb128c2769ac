namespace Workflows.Application.Tasks;

/// <summary>Field rules shared by the task requests.</summary>
public static class TaskRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<long>?> NextTaskIds<T>(this IRuleBuilder<T, IReadOnlyList<long>?> rule) =>
        rule.MaxItems(WorkflowLimits.MaxTransitionsPerTask)
                .WithMessage($"'nextTaskIds' can name at most {WorkflowLimits.MaxTransitionsPerTask} tasks.")
            .Must(ids => ids is null || ids.All(id => id > 0))
                .WithMessage("'nextTaskIds' must contain positive integer ids.");

    public static WorkflowTask TaskOrNotFound(this Workflow workflow, long taskId) =>
        workflow.FindTask(taskId) ?? throw NotFoundException.Task();
}
