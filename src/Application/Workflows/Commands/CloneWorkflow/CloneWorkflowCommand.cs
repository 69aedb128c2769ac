using Workflows.Application.Common.Telemetry;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Workflows.Commands.CloneWorkflow;

/// <summary>The body of <c>POST /workflows/{id}/clone</c>.</summary>
public sealed record CloneWorkflowRequest
{
    public string? Name { get; init; }
}

/// <summary>Copies a workflow the caller can use; creating the copy needs the role member or admin.</summary>
[Transactional]
[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Use)]
public sealed record CloneWorkflowCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, CloneWorkflowRequest Body)
    : ICommand<WorkflowResponse>, IWorkflowRequest, IIdempotentCommand
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class CloneWorkflowHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, DomainCounters counters, AuditTrail audit)
    : ICommandHandler<CloneWorkflowCommand, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(CloneWorkflowCommand command, CancellationToken cancellationToken)
    {
        var source = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: false, cancellationToken);
        // The copy is owned by the caller and names what its source names: lock those rows, and
        // answer as to a stranger if the caller was removed since the request began.
        await locks.LockNamedAsync(current.WorkspaceId, [current.Member.Id, source.AgentId], source.DefaultPhoneNumberId, source.DefaultInboxId, cancellationToken);
        if (!await db.Members.AnyAsync(m => m.Id == current.Member.Id, cancellationToken)) throw NotFoundException.Workspace();
        var copy = source.Clone(command.Body.Name!, current.Member);
        await db.EnsureAvailableAsync(current.WorkspaceId, copy.Name, null, cancellationToken);

        // In the request's transaction; the tasks and the transitions each go in as set-based inserts.
        var saved = await workflows.InsertAsync(copy, cancellationToken);
        await history.RecordAsync(saved, current.Member, WorkflowChange.Cloned, cancellationToken,
            summary: $"Cloned from '{source.Name}' at version {source.Version}", sourceUuid: source.Uuid);
        counters.Add(WorkflowsTelemetry.WorkflowsCloned);
        audit.Record(AuditActions.WorkflowCloned, AuditTargetOf.Workflow(saved), saved.Version, new WorkflowClonedDetails(source.Id, source.Uuid));
        return saved.ToResponse(current.Member);
    }
}

public sealed class CloneWorkflowValidator : AbstractValidator<CloneWorkflowCommand>
{
    public CloneWorkflowValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body with 'name' is required.");
        When(x => x.Body is not null, () => RuleFor(x => x.Body.Name).WorkflowName());
    }
}
