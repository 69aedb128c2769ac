using Workflows.Application.Common.Resources;
using Workflows.Domain.Resources;

namespace Workflows.Application.PhoneNumbers.Commands.CreatePhoneNumber;

public sealed record CreatePhoneNumberRequest
{
    /// <summary>E.164, for example <c>+442071234567</c>.</summary>
    public string? Number { get; init; }
    public string? Label { get; init; }
}

[RequiresScope(Scope.Write)]
[RequiresAdminRole]
[Transactional]
public sealed record CreatePhoneNumberCommand(Guid WorkspaceUuid, CreatePhoneNumberRequest Body)
    : ICommand<PhoneNumberResponse>, IWorkspaceRequest;

public sealed class CreatePhoneNumberHandler(IApplicationDbContext db, CurrentMember current, AuditTrail audit)
    : ICommandHandler<CreatePhoneNumberCommand, PhoneNumberResponse>
{
    public async ValueTask<PhoneNumberResponse> Handle(CreatePhoneNumberCommand command, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Create(current.WorkspaceId, command.Body.Number!, command.Body.Label);
        await db.AddUniqueAsync(db.PhoneNumbers, phone, p => p.Number == phone.Number, "phone number", cancellationToken);
        audit.Record(AuditActions.PhoneNumberCreated, new AuditTarget(phone.Id, null, phone.Number));
        return PhoneNumberResponse.From(phone);
    }
}

public sealed class CreatePhoneNumberValidator : AbstractValidator<CreatePhoneNumberCommand>
{
    public CreatePhoneNumberValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Number).NotEmpty().WithMessage("'number' is required.")
                .Must(n => PhoneNumber.Canonical(n) is not null).WithMessage(PhoneNumber.InvalidNumber);
            RuleFor(x => x.Body.Label).SingleLine("label", PhoneNumber.LabelMaxLength);
        });
    }
}
