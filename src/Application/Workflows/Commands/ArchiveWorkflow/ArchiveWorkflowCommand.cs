using Workflows.Application.Common.Telemetry;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Workflows.Commands.ArchiveWorkflow;

/// <summary>
/// Archives a workflow under its lock: an assignment being started on it at the same moment lands
/// before the archive, or is refused after it (409 workflow_archived).
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record ArchiveWorkflowCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class ArchiveWorkflowHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, DomainCounters counters, AuditTrail audit)
    : ICommandHandler<ArchiveWorkflowCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(ArchiveWorkflowCommand command, CancellationToken cancellationToken)
    {
        await locks.LockExistingWorkflowAsync(current.WorkspaceId, target.Id, cancellationToken);
        // With its tasks: the version this records is the whole workflow.
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: true, cancellationToken);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(current.Member));
        var before = workflow.Version;
        workflow.Archive();
        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(workflow, current.Member, WorkflowChange.Archived, cancellationToken, summary: "Archived");
        // Idempotent: a workflow that already was so changed nothing, and the log says nothing.
        if (workflow.Version == before) audit.Unchanged();
        else audit.Record(AuditActions.WorkflowArchived, AuditTargetOf.Workflow(workflow), workflow.Version);
        counters.Add(WorkflowsTelemetry.WorkflowsArchived);
        return StatusResponse.Success;
    }
}
