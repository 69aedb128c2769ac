using Workflows.Application.Common.Telemetry;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Workflows.Commands.UnarchiveWorkflow;

[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record UnarchiveWorkflowCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class UnarchiveWorkflowHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, DomainCounters counters, AuditTrail audit)
    : ICommandHandler<UnarchiveWorkflowCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(UnarchiveWorkflowCommand command, CancellationToken cancellationToken)
    {
        await locks.LockExistingWorkflowAsync(current.WorkspaceId, target.Id, cancellationToken);
        // With its tasks: the version this records is the whole workflow.
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: true, cancellationToken);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(current.Member));
        var before = workflow.Version;
        workflow.Unarchive();
        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(workflow, current.Member, WorkflowChange.Unarchived, cancellationToken, summary: "Unarchived");
        // Idempotent: a workflow that already was so changed nothing, and the log says nothing.
        if (workflow.Version == before) audit.Unchanged();
        else audit.Record(AuditActions.WorkflowUnarchived, AuditTargetOf.Workflow(workflow), workflow.Version);
        counters.Add(WorkflowsTelemetry.WorkflowsUnarchived);
        return StatusResponse.Success;
    }
}
