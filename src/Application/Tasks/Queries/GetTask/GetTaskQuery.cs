using Workflows.Application.Workflows;

namespace Workflows.Application.Tasks.Queries.GetTask;

[RequiresScope(Scope.Read)]
public sealed record GetTaskQuery(Guid WorkspaceUuid, long WorkflowId, long TaskId) : IQuery<TaskResponse>, IWorkspaceRequest;

public sealed class GetTaskHandler(IApplicationDbContext db, CurrentMember current) : IQueryHandler<GetTaskQuery, TaskResponse>
{
    public async ValueTask<TaskResponse> Handle(GetTaskQuery query, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.AsNoTracking().GetInWorkspaceAsync(current.WorkspaceId, query.WorkflowId, cancellationToken);
        workflow.Demand(current.Member, WorkflowAccess.Use);
        var task = await db.Tasks.AsNoTracking()
            .Include(t => t.Transitions)
            .FirstOrDefaultAsync(t => t.Id == query.TaskId && t.WorkflowId == workflow.Id, cancellationToken)
            ?? throw NotFoundException.Task();
        return task.ToResponse();
    }
}
