using Workflows.Application.Common.Telemetry;

namespace Workflows.Application.Workflows.Commands.DeleteWorkflow;

[RequiresScope(Scope.Admin)]
[RequiresAuthority(WorkflowAccess.Delete)]
[Transactional]
public sealed record DeleteWorkflowCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, bool Cascade, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

/// <summary>
/// Deletes a workflow, and with <c>cascade</c> its tasks and their transitions, in one
/// transaction of set-based statements. Assignments stay: they keep their snapshot of the
/// workflow's name and uuid and lose only the link. The workflow's lock comes first: a task or an
/// assignment being added at the same moment is either in what is read here, or waits and then
/// finds the workflow gone.
/// </summary>
public sealed class DeleteWorkflowHandler(IApplicationDbContext db, IWorkflowStore store, IRowLocks locks, CurrentMember current, CurrentWorkflow target, DomainCounters counters, AuditTrail audit)
    : ICommandHandler<DeleteWorkflowCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(DeleteWorkflowCommand command, CancellationToken cancellationToken)
    {
        await locks.LockExistingWorkflowAsync(current.WorkspaceId, target.Id, cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().GetInWorkspaceAsync(current.WorkspaceId, target.Id, cancellationToken);
        var taskCount = await db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id, cancellationToken);
        workflow.EnsureCanBeDeleted(taskCount, command.Cascade);

        // If-Match takes the workflow's ETag or its deletion preview's: checked in the same
        // transaction as the delete, so that what is deleted is exactly what the caller saw.
        var assignments = await db.AssignmentsOf(workflow.Id, cancellationToken);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(current.Member), ETag.ForDeletion(workflow.Version, assignments.Count, assignments.LastId));

        var deletedTasks = await store.DeleteAsync(workflow.Id, workflow.Version, cancellationToken);
        if (deletedTasks is null)
        {
            var stillThere = await db.Workflows.AnyAsync(w => w.Id == workflow.Id, cancellationToken);
            throw stillThere ? new ConcurrentUpdateException() : NotFoundException.Workflow();
        }

        audit.Record(AuditActions.WorkflowDeleted, AuditTargetOf.Workflow(workflow), details: new WorkflowDeletedDetails(deletedTasks.Value));
        counters.Add(WorkflowsTelemetry.WorkflowsDeleted);
        counters.Add(WorkflowsTelemetry.TasksCascadeDeleted, deletedTasks.Value);
        return command.Cascade ? StatusResponse.Success with { DeletedTaskCount = deletedTasks } : StatusResponse.Success;
    }
}
