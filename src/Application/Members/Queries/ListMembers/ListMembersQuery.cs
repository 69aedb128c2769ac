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
        return await db.Members.AsNoTracking()
            .Where(m => m.WorkspaceId == current.WorkspaceId)
            .PageByIdAsync(query, cursors, fingerprint, m => m.ToResponse(), cancellationToken);
    }
}

public sealed class ListMembersValidator : AbstractValidator<ListMembersQuery>
{
    public ListMembersValidator() => this.AddPagingRules();
}
