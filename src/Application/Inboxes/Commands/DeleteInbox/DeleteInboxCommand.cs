using Workflows.Application.Common.Resources;

namespace Workflows.Application.Inboxes.Commands.DeleteInbox;

/// <summary>An inbox that a workflow still names as its default stays (409 resource_in_use).</summary>
[RequiresScope(Scope.Write)]
[RequiresAdminRole]
[Transactional]
public sealed record DeleteInboxCommand(Guid WorkspaceUuid, long InboxId) : ICommand<StatusResponse>, IWorkspaceRequest;

public sealed class DeleteInboxHandler(IApplicationDbContext db, IRowLocks locks, CurrentMember current, AuditTrail audit)
    : ICommandHandler<DeleteInboxCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(DeleteInboxCommand command, CancellationToken cancellationToken)
    {
        var id = command.InboxId;
        var workspaceId = current.WorkspaceId;
        await db.Inboxes.DeleteUnusedAsync(id, workspaceId, ct => locks.LockInboxAsync(workspaceId, id, ct), db.Workflows.Where(w => w.DefaultInboxId == id), "inbox", cancellationToken);
        audit.Record(AuditActions.InboxDeleted, new AuditTarget(id, null, null));
        return StatusResponse.Success;
    }
}
