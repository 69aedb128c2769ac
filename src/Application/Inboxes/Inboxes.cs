using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Resources;
using Workflows.Domain.Resources;

namespace Workflows.Application.Inboxes;

public sealed record InboxResponse(long Id, string Address, string? Label, DateTime CreatedAt)
{
    public static InboxResponse From(Inbox p) => new(p.Id, p.Address, p.Label, p.CreatedAt);
}

public sealed record CreateInboxRequest
{
    /// <summary>The mail address, for example <c>support@example.com</c>.</summary>
    public string? Address { get; init; }
    public string? Label { get; init; }
}

[RequiresScope(Scope.Write)]
[RequiresWorkspaceAdmin]
public sealed record CreateInboxCommand(Guid WorkspaceUuid, CreateInboxRequest Body)
    : ICommand<InboxResponse>, IWorkspaceRequest;

public sealed class CreateInboxHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<CreateInboxCommand, InboxResponse>
{
    public async ValueTask<InboxResponse> Handle(CreateInboxCommand command, CancellationToken cancellationToken)
    {
        var inbox = Inbox.Create(current.WorkspaceId, command.Body.Address!, command.Body.Label);
        if (await db.Inboxes.AnyAsync(p => p.WorkspaceId == inbox.WorkspaceId && p.Address == inbox.Address, cancellationToken))
            throw new ResourceExistsException("inbox");
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync(cancellationToken);
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
            RuleFor(x => x.Body.Address).NotEmpty().WithMessage("'address' is required.")
                .MaximumLength(Inbox.AddressMaxLength).WithMessage($"'address' must be at most {Inbox.AddressMaxLength} characters.")
                .EmailAddress().WithMessage("'address' must be a mail address, such as support@example.com.");
            RuleFor(x => x.Body.Label).MaximumLength(Inbox.LabelMaxLength)
                .WithMessage($"'label' must be at most {Inbox.LabelMaxLength} characters.");
        });
    }
}

[RequiresScope(Scope.Read)]
public sealed record ListInboxesQuery(Guid WorkspaceUuid, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<InboxResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListInboxesHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListInboxesQuery, Page<InboxResponse>>
{
    public async ValueTask<Page<InboxResponse>> Handle(ListInboxesQuery query, CancellationToken cancellationToken) =>
        await db.Inboxes.AsNoTracking()
            .Where(p => p.WorkspaceId == current.WorkspaceId)
            .PageByIdAsync(query, cursors, CursorCodec.Fingerprint("inboxes", current.WorkspaceId), InboxResponse.From, cancellationToken);
}

public sealed class ListInboxesValidator : AbstractValidator<ListInboxesQuery>
{
    public ListInboxesValidator() => this.AddPagingRules();
}

[RequiresScope(Scope.Read)]
public sealed record GetInboxQuery(Guid WorkspaceUuid, long InboxId) : IQuery<InboxResponse>, IWorkspaceRequest;

public sealed class GetInboxHandler(IApplicationDbContext db, CurrentMember current)
    : IQueryHandler<GetInboxQuery, InboxResponse>
{
    public async ValueTask<InboxResponse> Handle(GetInboxQuery query, CancellationToken cancellationToken) =>
        InboxResponse.From(await db.Inboxes.GetInWorkspaceAsync(query.InboxId, current.WorkspaceId, "inbox", cancellationToken));
}

/// <summary>An inbox that a workflow still names as its default stays (409 resource_in_use).</summary>
[RequiresScope(Scope.Write)]
[RequiresWorkspaceAdmin]
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
