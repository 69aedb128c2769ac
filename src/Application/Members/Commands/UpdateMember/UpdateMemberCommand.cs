namespace Workflows.Application.Members.Commands.UpdateMember;

/// <summary>The body of <c>PATCH /members/{id}</c>: the fields to change (absent or null: unchanged).</summary>
public sealed record UpdateMemberRequest
{
    public MemberRole? Role { get; init; }
    public string? DisplayName { get; init; }
}

[RequiresScope(Scope.Write)]
[RequiresAdminRole]
public sealed record UpdateMemberCommand(Guid WorkspaceUuid, long MemberId, UpdateMemberRequest Body)
    : ICommand<MemberResponse>, IWorkspaceRequest;

public sealed class UpdateMemberHandler(IApplicationDbContext db, CurrentMember current) : ICommandHandler<UpdateMemberCommand, MemberResponse>
{
    public async ValueTask<MemberResponse> Handle(UpdateMemberCommand command, CancellationToken cancellationToken)
    {
        var workspaceId = current.WorkspaceId;
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == command.MemberId && m.WorkspaceId == workspaceId, cancellationToken)
            ?? throw NotFoundException.Member();
        if (command.Body.DisplayName is { } name) member.Rename(name);
        if (command.Body.Role is { } role && role != member.Role)
        {
            var otherAdmins = await db.OtherAdminsAsync(workspaceId, member.Id, cancellationToken);
            member.ChangeRole(role, otherAdmins);
        }
        await db.SaveChangesAsync(cancellationToken);
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
