using Workflows.Application.Common.Resources;
using Workflows.Domain.Resources;

namespace Workflows.Application.Inboxes.Commands.CreateInbox;

public sealed record CreateInboxRequest
{
    /// <summary>The mail address, for example <c>support@example.com</c>.</summary>
    public string? Address { get; init; }
    public string? Label { get; init; }
}

[RequiresScope(Scope.Write)]
[RequiresAdminRole]
[Transactional]
public sealed record CreateInboxCommand(Guid WorkspaceUuid, CreateInboxRequest Body)
    : ICommand<InboxResponse>, IWorkspaceRequest;

public sealed class CreateInboxHandler(IApplicationDbContext db, CurrentMember current, AuditTrail audit)
    : ICommandHandler<CreateInboxCommand, InboxResponse>
{
    public async ValueTask<InboxResponse> Handle(CreateInboxCommand command, CancellationToken cancellationToken)
    {
        var inbox = Inbox.Create(current.WorkspaceId, command.Body.Address!, command.Body.Label);
        await db.AddUniqueAsync(db.Inboxes, inbox, p => p.AddressKey == inbox.AddressKey, "inbox", cancellationToken);
        audit.Record(AuditActions.InboxCreated, new AuditTarget(inbox.Id, null, inbox.Address));
        return InboxResponse.From(inbox);
    }
}

public sealed class CreateInboxValidator : AbstractValidator<CreateInboxCommand>
{
    public CreateInboxValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Address).RequiredSingleLine("address", Inbox.AddressMaxLength);
            RuleFor(x => x.Body.Address).EmailAddress().WithMessage("'address' must be a mail address, such as support@example.com.");
            RuleFor(x => x.Body.Label).SingleLine("label", Inbox.LabelMaxLength);
        });
    }
}
