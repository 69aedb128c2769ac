using System.ComponentModel;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Tasks.Commands.UpdateTask;

/// <summary>
/// The body of <c>PUT /workflows/{id}/tasks/{task_id}</c>: only the fields sent change. The
/// read-only members of the GET body are accepted and ignored; any other member is refused.
/// </summary>
public sealed record UpdateTaskRequest
{
    public Optional<string?> Name { get; init; }
    public Optional<string?> Description { get; init; }
    public Optional<string?> Prompt { get; init; }
    public Optional<double?> PosX { get; init; }
    public Optional<double?> PosY { get; init; }
    public Optional<IReadOnlyList<long>?> NextTaskIds { get; init; }

    [ReadOnly(true)] public long? Id { get; init; }
    [ReadOnly(true)] public Guid? Uuid { get; init; }
    [ReadOnly(true)] public long? WorkflowId { get; init; }
    [ReadOnly(true)] public DateTime? CreatedAt { get; init; }
    [ReadOnly(true)] public DateTime? UpdatedAt { get; init; }
}

[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record UpdateTaskCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, long TaskId, UpdateTaskRequest Body, string? IfMatch = null)
    : ICommand<TaskResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class UpdateTaskHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, AuditTrail audit)
    : ICommandHandler<UpdateTaskCommand, TaskResponse>
{
    public async ValueTask<TaskResponse> Handle(UpdateTaskCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        await locks.LockExistingWorkflowAsync(current.WorkspaceId, target.Id, cancellationToken);
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: true, cancellationToken);
        var task = workflow.TaskOrNotFound(command.TaskId);
        ETag.EnsureMatches(command.IfMatch, task.Version);

        var details = new TaskDetails(
            body.Name.Or(task.Name)!,
            body.Description.Or(task.Description),
            body.Prompt.Or(task.Prompt),
            body.PosX.Or(task.PosX),
            body.PosY.Or(task.PosY));
        var next = body.NextTaskIds.HasValue ? body.NextTaskIds.Value ?? [] : null;
        var before = workflow.Version;
        workflow.UpdateTask(task.Id, details, next);
        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(workflow, current.Member, WorkflowChange.TaskUpdated, cancellationToken,
            summary: WorkflowHistory.TaskSummary(task.Name, "changed"));
        if (workflow.Version == before) audit.Unchanged();
        else audit.Record(AuditActions.TaskUpdated, AuditTargetOf.Task(task), workflow.Version, new TaskAuditDetails(workflow.Id, workflow.Uuid));
        return task.ToResponse();
    }
}

public sealed class UpdateTaskValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            When(x => x.Body.Name.HasValue, () => RuleFor(x => x.Body.Name.Value).WorkflowName());
            When(x => x.Body.Description.HasValue, () => RuleFor(x => x.Body.Description.Value).Description());
            When(x => x.Body.Prompt.HasValue, () => RuleFor(x => x.Body.Prompt.Value).Prompt());
            When(x => x.Body.PosX.HasValue, () => RuleFor(x => x.Body.PosX.Value).Coordinate("posX"));
            When(x => x.Body.PosY.HasValue, () => RuleFor(x => x.Body.PosY.Value).Coordinate("posY"));
            When(x => x.Body.NextTaskIds.HasValue, () => RuleFor(x => x.Body.NextTaskIds.Value).NextTaskIds());
        });
    }
}
