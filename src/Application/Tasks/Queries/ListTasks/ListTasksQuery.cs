using Workflows.Application.Common.Paging;
using Workflows.Application.Workflows;

namespace Workflows.Application.Tasks.Queries.ListTasks;

[RequiresScope(Scope.Read)]
public sealed record ListTasksQuery(Guid WorkspaceUuid, long WorkflowId, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<TaskResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListTasksHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListTasksQuery, Page<TaskResponse>>
{
    public async ValueTask<Page<TaskResponse>> Handle(ListTasksQuery query, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.AsNoTracking().GetInWorkspaceAsync(current.WorkspaceId, query.WorkflowId, cancellationToken);
        workflow.Demand(current.Member, WorkflowAccess.Use);

        return await db.Tasks.AsNoTracking()
            .Include(t => t.Transitions)
            .Where(t => t.WorkflowId == workflow.Id)
            .PageByIdAsync(query, cursors, CursorCodec.Fingerprint("tasks", workflow.Id), t => t.ToResponse(), cancellationToken);
    }
}

public sealed class ListTasksValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksValidator() => this.AddPagingRules();
}
