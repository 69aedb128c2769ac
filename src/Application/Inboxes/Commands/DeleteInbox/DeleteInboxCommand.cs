using Workflows.Application.Common.Resources;

namespace Workflows.Application.Inboxes.Commands.DeleteInbox;

/// <summary>An inbox that a workflow still names as its default stays (409 resource_in_use).</summary>
[RequiresScope(Scope.Write)]
[RequiresAdminRole]
public sealed record DeleteInboxCommand(Guid WorkspaceUuid, long InboxId) : ICommand<StatusResponse>, IWorkspaceRequest;

public sealed class DeleteInboxHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<DeleteInboxCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(DeleteInboxCommand command, CancellationToken cancellationToken)
    {
        var id = command.InboxId;
        await db.Inboxes.DeleteUnusedAsync(id, current.WorkspaceId, db.Workflows.Where(w => w.DefaultInboxId == id), "inbox", cancellationToken);
        return StatusResponse.Success;
    }
}
