using Workflows.Application.Common.Telemetry;

namespace Workflows.Application.Workflows.Commands.UnarchiveWorkflow;

[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record UnarchiveWorkflowCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class UnarchiveWorkflowHandler(IApplicationDbContext db, IRowLocks locks, CurrentMember current, CurrentWorkflow target, DomainCounters counters, AuditTrail audit)
    : ICommandHandler<UnarchiveWorkflowCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(UnarchiveWorkflowCommand command, CancellationToken cancellationToken)
    {
        await locks.LockExistingWorkflowAsync(current.WorkspaceId, target.Id, cancellationToken);
        var workflow = await db.Workflows.GetInWorkspaceAsync(current.WorkspaceId, target.Id, cancellationToken);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(current.Member));
        var before = workflow.Version;
        workflow.Unarchive();
        await db.SaveChangesAsync(cancellationToken);
        // Idempotent: a workflow that already was so changed nothing, and the log says nothing.
        if (workflow.Version == before) audit.Unchanged();
        else audit.Record(AuditActions.WorkflowUnarchived, AuditTargetOf.Workflow(workflow), workflow.Version);
        counters.Add(WorkflowsTelemetry.WorkflowsUnarchived);
        return StatusResponse.Success;
    }
}
