using Workflows.Application.Workflows;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Members.Commands.RemoveMember;

/// <summary>
/// Removes a member. The workflows they own go to <paramref name="TransferTo"/>; workflows run by
/// a removed agent lose their agent. Assignments they created keep the creator's id. The
/// workspace's lock guards the last admin (as for a change of role), and the member's own lock
/// the workflows handed to them: a concurrent update that names them waits, and then finds them gone.
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAdminRole]
[Transactional]
public sealed record RemoveMemberCommand(Guid WorkspaceUuid, long MemberId, long? TransferTo = null)
    : ICommand<StatusResponse>, IWorkspaceRequest;

public sealed class RemoveMemberHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, AuditTrail audit)
    : ICommandHandler<RemoveMemberCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(RemoveMemberCommand command, CancellationToken cancellationToken)
    {
        var workspaceId = current.WorkspaceId;
        await locks.LockWorkspaceAsync(workspaceId, cancellationToken);
        if (await locks.LockMembersAsync(workspaceId, [command.MemberId], cancellationToken) == 0) throw NotFoundException.Member();
        var member = await db.Members.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == command.MemberId && m.WorkspaceId == workspaceId, cancellationToken)
            ?? throw NotFoundException.Member();
        Member? heir = null;
        if (command.TransferTo is { } heirId)
        {
            heir = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == heirId && m.WorkspaceId == workspaceId, cancellationToken)
                ?? throw new InvalidReferenceException("transferTo", "'transferTo' must name another person or daemon member of this workspace.");
        }
        // The workflows this changes (each records its version once the change is made), which
        // also say how many the member owns.
        var changed = await db.Workflows.AsNoTracking()
            .Where(w => w.WorkspaceId == workspaceId && (w.OwnerId == member.Id || w.AgentId == member.Id))
            .Select(w => new { w.Id, Owned = w.OwnerId == member.Id, Run = w.AgentId == member.Id })
            .ToListAsync(cancellationToken);
        var otherAdmins = await db.OtherAdminsAsync(workspaceId, member.Id, cancellationToken);
        member.EnsureCanBeRemoved(otherAdmins, changed.Count(w => w.Owned), heir);
        if (heir is not null) await workflows.TransferOwnershipAsync(member.Id, heir.Id, cancellationToken);
        await workflows.RemoveAgentAsync(member.Id, cancellationToken);
        await db.Members.Where(m => m.Id == member.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var workflow in changed)
        {
            var summary = (workflow.Owned, workflow.Run) switch
            {
                (true, true) => $"Owner and agent changed: {member.DisplayName} left the workspace",
                (true, false) => $"Owner changed: {member.DisplayName} left the workspace",
                _ => $"Agent removed: {member.DisplayName} left the workspace",
            };
            var now = await workflows.GetWithTasksAsync(workspaceId, workflow.Id, forUpdate: false, cancellationToken);
            await history.AddAsync(
                WorkflowVersion.Of(now, current.Member, WorkflowChange.Updated, summary, WorkflowSnapshots.Of(now, current.Member)), cancellationToken);
        }
        audit.Record(AuditActions.MemberRemoved, AuditTargetOf.Member(member), details: new MemberAuditDetails(member.Role, heir?.Id));
        return StatusResponse.Success;
    }
}

public sealed class RemoveMemberValidator : AbstractValidator<RemoveMemberCommand>
{
    public RemoveMemberValidator() => RuleFor(x => x.TransferTo).GreaterThanOrEqualTo(1L)
        .WithMessage("'transferTo' must be a positive integer member id.");
}
