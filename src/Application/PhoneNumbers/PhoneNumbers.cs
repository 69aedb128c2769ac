using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Resources;
using Workflows.Domain.Resources;

namespace Workflows.Application.PhoneNumbers;

public sealed record PhoneNumberResponse(long Id, string Number, string? Label, DateTime CreatedAt)
{
    public static PhoneNumberResponse From(PhoneNumber p) => new(p.Id, p.Number, p.Label, p.CreatedAt);
}

public sealed record CreatePhoneNumberRequest
{
    /// <summary>E.164, for example <c>+442071234567</c>.</summary>
    public string? Number { get; init; }
    public string? Label { get; init; }
}

[RequiresScope(Scope.Write)]
[RequiresWorkspaceAdmin]
public sealed record CreatePhoneNumberCommand(Guid WorkspaceUuid, CreatePhoneNumberRequest Body)
    : ICommand<PhoneNumberResponse>, IWorkspaceRequest;

public sealed class CreatePhoneNumberHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<CreatePhoneNumberCommand, PhoneNumberResponse>
{
    public async ValueTask<PhoneNumberResponse> Handle(CreatePhoneNumberCommand command, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Create(current.WorkspaceId, command.Body.Number!, command.Body.Label);
        if (await db.PhoneNumbers.AnyAsync(p => p.WorkspaceId == phone.WorkspaceId && p.Number == phone.Number, cancellationToken))
            throw new ResourceExistsException("phone number");
        db.PhoneNumbers.Add(phone);
        await db.SaveChangesAsync(cancellationToken);
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
                .Matches(@"^\+[1-9][0-9]{6,14}$").WithMessage("'number' must be an E.164 phone number, such as +442071234567.");
            RuleFor(x => x.Body.Label).MaximumLength(PhoneNumber.LabelMaxLength)
                .WithMessage($"'label' must be at most {PhoneNumber.LabelMaxLength} characters.");
        });
    }
}

[RequiresScope(Scope.Read)]
public sealed record ListPhoneNumbersQuery(Guid WorkspaceUuid, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<PhoneNumberResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListPhoneNumbersHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListPhoneNumbersQuery, Page<PhoneNumberResponse>>
{
    public async ValueTask<Page<PhoneNumberResponse>> Handle(ListPhoneNumbersQuery query, CancellationToken cancellationToken) =>
        await db.PhoneNumbers.AsNoTracking()
            .Where(p => p.WorkspaceId == current.WorkspaceId)
            .PageByIdAsync(query, cursors, CursorCodec.Fingerprint("phone-numbers", current.WorkspaceId), PhoneNumberResponse.From, cancellationToken);
}

public sealed class ListPhoneNumbersValidator : AbstractValidator<ListPhoneNumbersQuery>
{
    public ListPhoneNumbersValidator() => this.AddPagingRules();
}

[RequiresScope(Scope.Read)]
public sealed record GetPhoneNumberQuery(Guid WorkspaceUuid, long PhoneNumberId) : IQuery<PhoneNumberResponse>, IWorkspaceRequest;

public sealed class GetPhoneNumberHandler(IApplicationDbContext db, CurrentMember current)
    : IQueryHandler<GetPhoneNumberQuery, PhoneNumberResponse>
{
    public async ValueTask<PhoneNumberResponse> Handle(GetPhoneNumberQuery query, CancellationToken cancellationToken) =>
        PhoneNumberResponse.From(await db.PhoneNumbers.GetInWorkspaceAsync(query.PhoneNumberId, current.WorkspaceId, "phone number", cancellationToken));
}

/// <summary>A number that a workflow still names as its default stays (409 resource_in_use).</summary>
[RequiresScope(Scope.Write)]
[RequiresWorkspaceAdmin]
public sealed record DeletePhoneNumberCommand(Guid WorkspaceUuid, long PhoneNumberId) : ICommand<StatusResponse>, IWorkspaceRequest;

public sealed class DeletePhoneNumberHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<DeletePhoneNumberCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(DeletePhoneNumberCommand command, CancellationToken cancellationToken)
    {
        var id = command.PhoneNumberId;
        await db.PhoneNumbers.DeleteUnusedAsync(id, current.WorkspaceId, db.Workflows.Where(w => w.DefaultPhoneNumberId == id), "phone number", cancellationToken);
        return StatusResponse.Success;
    }
}
