namespace Workflows.Application.Members.Commands.RemoveMember;

/// <summary>
/// Removes a member. The workflows they own go to <paramref name="TransferTo"/>; workflows run by
/// a removed agent lose their agent. Assignments they created keep the creator's id.
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAdminRole]
public sealed record RemoveMemberCommand(Guid WorkspaceUuid, long MemberId, long? TransferTo = null)
    : ICommand<StatusResponse>, IWorkspaceRequest;

public sealed class RemoveMemberHandler(IApplicationDbContext db, CurrentMember current) : ICommandHandler<RemoveMemberCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(RemoveMemberCommand command, CancellationToken cancellationToken)
    {
        var workspaceId = current.WorkspaceId;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var member = await db.Members.AsNoTracking()
                .FirstOrDefaultAsync(m => m.Id == command.MemberId && m.WorkspaceId == workspaceId, ct)
                ?? throw NotFoundException.Member();
            Member? heir = null;
            if (command.TransferTo is { } heirId)
            {
                heir = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == heirId && m.WorkspaceId == workspaceId, ct)
                    ?? throw new InvalidReferenceException("transferTo", "'transferTo' must name another person or daemon member of this workspace.");
            }
            var otherAdmins = await db.OtherAdminsAsync(workspaceId, member.Id, ct);
            var owned = await db.Workflows.CountAsync(w => w.OwnerId == member.Id, ct);
            member.EnsureCanBeRemoved(otherAdmins, owned, heir);

            if (heir is not null)
            {
                await db.Workflows.Where(w => w.OwnerId == member.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.OwnerId, heir.Id).SetProperty(w => w.Version, w => w.Version + 1), ct);
            }
            await db.Workflows.Where(w => w.AgentId == member.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.AgentId, (long?)null).SetProperty(w => w.Version, w => w.Version + 1), ct);
            await db.Members.Where(m => m.Id == member.Id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        return StatusResponse.Success;
    }
}

public sealed class RemoveMemberValidator : AbstractValidator<RemoveMemberCommand>
{
    public RemoveMemberValidator() => RuleFor(x => x.TransferTo).Must(id => id is null or > 0)
        .WithMessage("'transferTo' must be a positive integer member id.");
}
