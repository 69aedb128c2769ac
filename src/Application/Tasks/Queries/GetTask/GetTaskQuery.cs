using Workflows.Application.Workflows;

namespace Workflows.Application.Tasks.Queries.GetTask;

[RequiresScope(Scope.Read)]
[RequiresAuthority(WorkflowAccess.Use)]
public sealed record GetTaskQuery(Guid WorkspaceUuid, WorkflowKey WorkflowId, long TaskId) : IQuery<TaskResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class GetTaskHandler(IApplicationDbContext db, CurrentWorkflow workflow) : IQueryHandler<GetTaskQuery, TaskResponse>
{
    public async ValueTask<TaskResponse> Handle(GetTaskQuery query, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking()
            .Include(t => t.Transitions)
            .FirstOrDefaultAsync(t => t.Id == query.TaskId && t.WorkflowId == workflow.Id, cancellationToken)
            ?? throw NotFoundException.Task();
        return task.ToResponse();
    }
}
