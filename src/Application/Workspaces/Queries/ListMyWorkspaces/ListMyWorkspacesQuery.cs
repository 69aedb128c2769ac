using Workflows.Application.Common.Paging;

namespace Workflows.Application.Workspaces.Queries.ListMyWorkspaces;

/// <summary>The workspaces the caller is a member of, oldest first.</summary>
[RequiresScope(Scope.Read)]
public sealed record ListMyWorkspacesQuery(int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<WorkspaceResponse>>, IPagedRequest;

public sealed class ListMyWorkspacesHandler(IApplicationDbContext db, ICurrentUser user, CursorCodec cursors)
    : IQueryHandler<ListMyWorkspacesQuery, Page<WorkspaceResponse>>
{
    public async ValueTask<Page<WorkspaceResponse>> Handle(ListMyWorkspacesQuery query, CancellationToken cancellationToken)
    {
        var objectId = user.ObjectId ?? throw new UnauthenticatedException();
        var fingerprint = CursorCodec.Fingerprint("workspaces", objectId);
        var after = cursors.Decode<long>(query.Cursor, fingerprint);
        return await db.Members.AsNoTracking()
            .Where(m => m.ObjectId == objectId && m.WorkspaceId > after)
            .OrderBy(m => m.WorkspaceId)
            .Select(m => new WorkspaceResponse(m.Workspace!.Id, m.Workspace.Uuid, m.Workspace.Name, m.Role, m.Workspace.CreatedAt))
            .ToPageAsync(query.Limit, w => w, last => cursors.Encode(fingerprint, last.Id), cancellationToken);
    }
}

public sealed class ListMyWorkspacesValidator : AbstractValidator<ListMyWorkspacesQuery>
{
    public ListMyWorkspacesValidator() => this.AddPagingRules();
}
