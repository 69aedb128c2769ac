namespace Workflows.Application.Members.Commands.AddMember;

/// <summary>The body of <c>POST /members</c>.</summary>
public sealed record AddMemberRequest
{
    public MemberKind? Kind { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>The Azure AD object id of a person or daemon; agents have none.</summary>
    public string? ObjectId { get; init; }

    public MemberRole? Role { get; init; }
}

[RequiresScope(Scope.Write)]
[RequiresAdminRole]
[Transactional]
public sealed record AddMemberCommand(Guid WorkspaceUuid, AddMemberRequest Body) : ICommand<MemberResponse>, IWorkspaceRequest;

public sealed class AddMemberHandler(IApplicationDbContext db, CurrentMember current, AuditTrail audit) : ICommandHandler<AddMemberCommand, MemberResponse>
{
    public async ValueTask<MemberResponse> Handle(AddMemberCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var member = Member.Create(current.WorkspaceId, body.Kind!.Value, body.DisplayName!, body.ObjectId, body.Role!.Value);
        if (member.ObjectId is { } oid
            && await db.Members.AnyAsync(m => m.WorkspaceId == current.WorkspaceId && m.ObjectId == oid, cancellationToken))
            throw new MemberExistsException();
        db.Members.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.MemberAdded, AuditTargetOf.Member(member), details: new MemberAuditDetails(member.Role));
        return member.ToResponse();
    }
}

public sealed class AddMemberValidator : AbstractValidator<AddMemberCommand>
{
    public AddMemberValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Kind).NotNull().WithMessage("'kind' is required: person, daemon or agent.")
                .IsInEnum().WithMessage("'kind' must be person, daemon or agent.");
            RuleFor(x => x.Body.Role).NotNull().WithMessage("'role' is required: admin, member or guest.")
                .IsInEnum().WithMessage("'role' must be admin, member or guest.");
            RuleFor(x => x.Body.DisplayName).RequiredSingleLine("displayName", Member.DisplayNameMaxLength);
            RuleFor(x => x.Body.ObjectId)
                .NotEmpty().When(x => x.Body.Kind is MemberKind.Person or MemberKind.Daemon)
                .WithMessage("'objectId' (the Azure AD object id) is required for a person or daemon.");
            RuleFor(x => x.Body.ObjectId).SingleLine("objectId", Member.ObjectIdMaxLength);
            RuleFor(x => x.Body.ObjectId).Empty().When(x => x.Body.Kind is MemberKind.Agent)
                .WithMessage("An agent has no 'objectId': it never signs in.");
        });
    }
}
