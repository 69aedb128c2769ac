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

        var fingerprint = CursorCodec.Fingerprint("tasks", workflow.Id);
        var after = cursors.Decode<long>(query.Cursor, fingerprint);
        var tasks = await db.Tasks.AsNoTracking()
            .Include(t => t.Transitions)
            .Where(t => t.WorkflowId == workflow.Id && t.Id > after)
            .OrderBy(t => t.Id)
            .Take(query.Limit + 1)
            .ToListAsync(cancellationToken);

        var items = tasks.Take(query.Limit).Select(t => t.ToResponse()).ToList();
        var next = tasks.Count > query.Limit ? cursors.Encode(fingerprint, items[^1].Id) : null;
        return new Page<TaskResponse>(items, next);
    }
}

public sealed class ListTasksValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksValidator() => this.AddPagingRules();
}
