namespace Workflows.Application.Assignments.Queries.GetAssignment;

[RequiresScope(Scope.Read)]
[FiltersByAuthority]
public sealed record GetAssignmentQuery(Guid WorkspaceUuid, long AssignmentId) : IQuery<AssignmentResponse>, IWorkspaceRequest;

public sealed class GetAssignmentHandler(IApplicationDbContext db, CurrentMember current)
    : IQueryHandler<GetAssignmentQuery, AssignmentResponse>
{
    public async ValueTask<AssignmentResponse> Handle(GetAssignmentQuery query, CancellationToken cancellationToken) =>
        AssignmentResponse.From(
            await db.Assignments.AsNoTracking().Visible(db, current.Member)
                .FirstOrDefaultAsync(a => a.Id == query.AssignmentId, cancellationToken)
            ?? throw new NotFoundException("The assignment does not exist in this workspace, or you may not see it."));
}
