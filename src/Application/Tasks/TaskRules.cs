using Workflows.Application.Workflows;

namespace Workflows.Application.Tasks;

/// <summary>Field rules shared by the task requests.</summary>
public static class TaskRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<long>?> NextTaskIds<T>(this IRuleBuilder<T, IReadOnlyList<long>?> rule) =>
        rule.Must(ids => ids is null || ids.Count <= WorkflowLimits.MaxTransitionsPerTask)
                .WithMessage($"'nextTaskIds' can name at most {WorkflowLimits.MaxTransitionsPerTask} tasks.")
            .Must(ids => ids is null || ids.All(id => id > 0))
                .WithMessage("'nextTaskIds' must contain positive integer ids.");

    public static async Task<Workflow> LoadForTasksAsync(this IApplicationDbContext db, long workspaceId, long workflowId, CancellationToken ct) =>
        await db.Workflows.WithTasks().GetInWorkspaceAsync(workspaceId, workflowId, ct);

    public static WorkflowTask TaskOrNotFound(this Workflow workflow, long taskId) =>
        workflow.FindTask(taskId) ?? throw NotFoundException.Task();
}
