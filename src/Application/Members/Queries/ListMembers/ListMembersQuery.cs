using Workflows.Application.Common.Paging;

namespace Workflows.Application.Members.Queries.ListMembers;

[RequiresScope(Scope.Read)]
public sealed record ListMembersQuery(Guid WorkspaceUuid, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<MemberResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListMembersHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListMembersQuery, Page<MemberResponse>>
{
    public async ValueTask<Page<MemberResponse>> Handle(ListMembersQuery query, CancellationToken cancellationToken)
    {
        var fingerprint = CursorCodec.Fingerprint("members", current.WorkspaceId);
        var after = cursors.Decode<long>(query.Cursor, fingerprint);
        var rows = await db.Members.AsNoTracking()
            .Where(m => m.WorkspaceId == current.WorkspaceId && m.Id > after)
            .OrderBy(m => m.Id)
            .Take(query.Limit + 1)
            .ProjectToResponse()
            .ToListAsync(cancellationToken);
        var items = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit ? cursors.Encode(fingerprint, items[^1].Id) : null;
        return new Page<MemberResponse>(items, next);
    }
}

public sealed class ListMembersValidator : AbstractValidator<ListMembersQuery>
{
    public ListMembersValidator() => this.AddPagingRules();
}
