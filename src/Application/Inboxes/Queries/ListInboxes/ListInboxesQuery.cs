using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Resources;

namespace Workflows.Application.Inboxes.Queries.ListInboxes;

[RequiresScope(Scope.Read)]
public sealed record ListInboxesQuery(Guid WorkspaceUuid, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<InboxResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListInboxesHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListInboxesQuery, Page<InboxResponse>>
{
    public async ValueTask<Page<InboxResponse>> Handle(ListInboxesQuery query, CancellationToken cancellationToken) =>
        await db.Inboxes.PageInWorkspaceAsync(current.WorkspaceId, query, cursors, "inboxes", InboxResponse.From, cancellationToken);
}

public sealed class ListInboxesValidator : AbstractValidator<ListInboxesQuery>
{
    public ListInboxesValidator() => this.AddPagingRules();
}
