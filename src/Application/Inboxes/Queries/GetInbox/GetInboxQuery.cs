using Workflows.Application.Common.Resources;

namespace Workflows.Application.Inboxes.Queries.GetInbox;

[RequiresScope(Scope.Read)]
public sealed record GetInboxQuery(Guid WorkspaceUuid, long InboxId) : IQuery<InboxResponse>, IWorkspaceRequest;

public sealed class GetInboxHandler(IApplicationDbContext db, CurrentMember current)
    : IQueryHandler<GetInboxQuery, InboxResponse>
{
    public async ValueTask<InboxResponse> Handle(GetInboxQuery query, CancellationToken cancellationToken) =>
        InboxResponse.From(await db.Inboxes.GetInWorkspaceAsync(query.InboxId, current.WorkspaceId, "inbox", cancellationToken));
}
