namespace Workflows.Application.Members.Commands.UpdateMember;

/// <summary>The body of <c>PATCH /members/{id}</c>: the fields to change (absent or null: unchanged).</summary>
public sealed record UpdateMemberRequest
{
    public MemberRole? Role { get; init; }
    public string? DisplayName { get; init; }
}

/// <summary>
/// Renames a member or changes their role. A workspace keeps at least one admin: the count of the
/// other admins and the change are made under the workspace's lock, so two admins who step down at
/// once cannot both leave it (one of them is answered 409 last_admin).
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAdminRole]
[Transactional]
public sealed record UpdateMemberCommand(Guid WorkspaceUuid, long MemberId, UpdateMemberRequest Body)
    : ICommand<MemberResponse>, IWorkspaceRequest;

public sealed class UpdateMemberHandler(IApplicationDbContext db, IRowLocks locks, CurrentMember current, AuditTrail audit)
    : ICommandHandler<UpdateMemberCommand, MemberResponse>
{
    public async ValueTask<MemberResponse> Handle(UpdateMemberCommand command, CancellationToken cancellationToken)
    {
        var workspaceId = current.WorkspaceId;
        // Roles are the workspace's state: its lock first, then the count the rule relies on.
        if (command.Body.Role is not null) await locks.LockWorkspaceAsync(workspaceId, cancellationToken);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == command.MemberId && m.WorkspaceId == workspaceId, cancellationToken)
            ?? throw NotFoundException.Member();
        var (roleBefore, nameBefore) = (member.Role, member.DisplayName);
        if (command.Body.DisplayName is { } name) member.Rename(name);
        if (command.Body.Role is { } role && role != member.Role)
        {
            var otherAdmins = await db.OtherAdminsAsync(workspaceId, member.Id, cancellationToken);
            member.ChangeRole(role, otherAdmins);
        }
        await db.SaveChangesAsync(cancellationToken);
        var details = new MemberUpdatedDetails(
            member.Role == roleBefore ? null : new Change<MemberRole>(roleBefore, member.Role),
            member.DisplayName == nameBefore ? null : new Change<string>(nameBefore, member.DisplayName));
        if (details.Role is null && details.DisplayName is null) audit.Unchanged();
        else audit.Record(AuditActions.MemberUpdated, AuditTargetOf.Member(member), details: details);
        return member.ToResponse();
    }
}

public sealed class UpdateMemberValidator : AbstractValidator<UpdateMemberCommand>
{
    public UpdateMemberValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Role).IsInEnum().WithMessage("'role' must be admin, member or guest.");
            When(x => x.Body.DisplayName is not null,
                () => RuleFor(x => x.Body.DisplayName).RequiredSingleLine("displayName", Member.DisplayNameMaxLength));
        });
    }
}
