using Workflows.Application.Workflows;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Tasks.Commands.DeleteTask;

[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record DeleteTaskCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, long TaskId, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

/// <summary>Deletes one task; transitions that led to it go with it, and it stops being the start task.</summary>
public sealed class DeleteTaskHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, AuditTrail audit)
    : ICommandHandler<DeleteTaskCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(DeleteTaskCommand command, CancellationToken cancellationToken)
    {
        await locks.LockExistingWorkflowAsync(current.WorkspaceId, target.Id, cancellationToken);
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: true, cancellationToken);
        var task = workflow.TaskOrNotFound(command.TaskId);
        ETag.EnsureMatches(command.IfMatch, task.Version);
        workflow.RemoveTask(task.Id);
        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(workflow, current.Member, WorkflowChange.TaskDeleted, cancellationToken,
            summary: WorkflowHistory.TaskSummary(task.Name, "deleted"));
        audit.Record(AuditActions.TaskDeleted, AuditTargetOf.Task(task), workflow.Version, new TaskAuditDetails(workflow.Id, workflow.Uuid));
        return StatusResponse.Success;
    }
}
