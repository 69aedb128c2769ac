using Workflows.Application.Workflows;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Tasks.Commands.CreateTask;

/// <summary>The body of <c>POST /workflows/{id}/tasks</c>.</summary>
public sealed record CreateTaskRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Prompt { get; init; }
    public double? PosX { get; init; }
    public double? PosY { get; init; }

    /// <summary>Tasks of the same workflow that work may move on to from this one.</summary>
    public IReadOnlyList<long>? NextTaskIds { get; init; }
}

/// <summary>
/// Adds a task under its workflow's lock: a cascade delete at the same moment either runs first
/// (the workflow is gone: 404) or waits and deletes the new task with the rest.
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record CreateTaskCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, CreateTaskRequest Body)
    : ICommand<TaskResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class CreateTaskHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, AuditTrail audit)
    : ICommandHandler<CreateTaskCommand, TaskResponse>
{
    public async ValueTask<TaskResponse> Handle(CreateTaskCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        await locks.LockExistingWorkflowAsync(current.WorkspaceId, target.Id, cancellationToken);
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: true, cancellationToken);
        var task = workflow.AddTask(
            new TaskDetails(body.Name!, body.Description, body.Prompt, body.PosX, body.PosY),
            body.NextTaskIds ?? []);
        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(workflow, current.Member, WorkflowChange.TaskCreated, cancellationToken,
            summary: WorkflowHistory.TaskSummary(task.Name, "added"));
        audit.Record(AuditActions.TaskCreated, AuditTargetOf.Task(task), workflow.Version, new TaskAuditDetails(workflow.Id, workflow.Uuid));
        return task.ToResponse();
    }
}

public sealed class CreateTaskValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Name).WorkflowName();
            RuleFor(x => x.Body.Description).Description();
            RuleFor(x => x.Body.Prompt).Prompt();
            RuleFor(x => x.Body.PosX).Coordinate("posX");
            RuleFor(x => x.Body.PosY).Coordinate("posY");
            RuleFor(x => x.Body.NextTaskIds).NextTaskIds();
        });
    }
}
