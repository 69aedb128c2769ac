using Workflows.Application.Common.Paging;
using Workflows.Application.Workflows;

namespace Workflows.Application.Assignments.Queries.ListAssignments;

/// <summary>
/// The assignments the caller may see: those of workflows they can use, and, for members and
/// admins, those whose workflow has been deleted.
/// </summary>
[RequiresScope(Scope.Read)]
[FiltersByAuthority]
public sealed record ListAssignmentsQuery(Guid WorkspaceUuid, long? WorkflowId = null, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<AssignmentResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListAssignmentsHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListAssignmentsQuery, Page<AssignmentResponse>>
{
    public async ValueTask<Page<AssignmentResponse>> Handle(ListAssignmentsQuery query, CancellationToken cancellationToken)
    {
        var assignments = db.Assignments.AsNoTracking().Visible(db, current.Member);
        if (query.WorkflowId is { } workflowId) assignments = assignments.Where(a => a.WorkflowId == workflowId);
        var fingerprint = CursorCodec.Fingerprint("assignments", current.WorkspaceId, current.Member.Id, query.WorkflowId);
        return await assignments.PageByIdAsync(query, cursors, fingerprint, AssignmentResponse.From, cancellationToken);
    }
}

public sealed class ListAssignmentsValidator : AbstractValidator<ListAssignmentsQuery>
{
    public ListAssignmentsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.WorkflowId).PositiveId("workflowId");
    }
}
