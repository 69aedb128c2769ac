using Workflows.Application.Common.Resources;

namespace Workflows.Application.PhoneNumbers.Commands.DeletePhoneNumber;

/// <summary>A number that a workflow still names as its default stays (409 resource_in_use).</summary>
[RequiresScope(Scope.Write)]
[RequiresAdminRole]
[Transactional]
public sealed record DeletePhoneNumberCommand(Guid WorkspaceUuid, long PhoneNumberId) : ICommand<StatusResponse>, IWorkspaceRequest;

public sealed class DeletePhoneNumberHandler(IApplicationDbContext db, IRowLocks locks, CurrentMember current, AuditTrail audit)
    : ICommandHandler<DeletePhoneNumberCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(DeletePhoneNumberCommand command, CancellationToken cancellationToken)
    {
        var id = command.PhoneNumberId;
        var workspaceId = current.WorkspaceId;
        await db.PhoneNumbers.DeleteUnusedAsync(id, workspaceId, ct => locks.LockPhoneNumberAsync(workspaceId, id, ct), db.Workflows.Where(w => w.DefaultPhoneNumberId == id), "phone number", cancellationToken);
        audit.Record(AuditActions.PhoneNumberDeleted, new AuditTarget(id, null, null));
        return StatusResponse.Success;
    }
}
