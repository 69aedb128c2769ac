namespace Workflows.Application.Members.Queries.GetMember;

[RequiresScope(Scope.Read)]
public sealed record GetMemberQuery(Guid WorkspaceUuid, long MemberId) : IQuery<MemberResponse>, IWorkspaceRequest;

public sealed class GetMemberHandler(IApplicationDbContext db, CurrentMember current) : IQueryHandler<GetMemberQuery, MemberResponse>
{
    public async ValueTask<MemberResponse> Handle(GetMemberQuery query, CancellationToken cancellationToken) =>
        (await db.Members.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == query.MemberId && m.WorkspaceId == current.WorkspaceId, cancellationToken)
         ?? throw NotFoundException.Member()).ToResponse();
}
