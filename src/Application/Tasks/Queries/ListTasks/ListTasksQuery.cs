using Workflows.Application.Common.Paging;
using Workflows.Application.Workflows;

namespace Workflows.Application.Tasks.Queries.ListTasks;

[RequiresScope(Scope.Read)]
[RequiresAuthority(WorkflowAccess.Use)]
public sealed record ListTasksQuery(Guid WorkspaceUuid, WorkflowKey WorkflowId, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<TaskResponse>>, IWorkflowRequest, IPagedRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class ListTasksHandler(IApplicationDbContext db, CurrentWorkflow workflow, CursorCodec cursors)
    : IQueryHandler<ListTasksQuery, Page<TaskResponse>>
{
    public async ValueTask<Page<TaskResponse>> Handle(ListTasksQuery query, CancellationToken cancellationToken)
    {
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
