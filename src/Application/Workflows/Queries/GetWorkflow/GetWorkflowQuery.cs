namespace Workflows.Application.Workflows.Queries.GetWorkflow;

/// <summary><paramref name="WorkflowId"/> is the integer id or the uuid.</summary>
[RequiresScope(Scope.Read)]
[RequiresAuthority(WorkflowAccess.Use)]
public sealed record GetWorkflowQuery(Guid WorkspaceUuid, string WorkflowId) : IQuery<WorkflowResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowKey.Parse(WorkflowId);
}

public sealed class GetWorkflowHandler(IWorkflowStore workflows, CurrentMember current, CurrentWorkflow target)
    : IQueryHandler<GetWorkflowQuery, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(GetWorkflowQuery query, CancellationToken cancellationToken)
    {
        // By id, also when the request named the workflow by its uuid: the authority behaviour resolved it.
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: false, cancellationToken);
        return workflow.ToResponse(current.Member);
    }
}

public sealed class GetWorkflowValidator : AbstractValidator<GetWorkflowQuery>
{
    public GetWorkflowValidator() =>
        RuleFor(x => x.WorkflowId).Must(WorkflowQueries.IsWorkflowRef)
            .OverridePropertyName("workflow_id")
            .WithMessage("'workflow_id' must be a positive integer id or a uuid.");
}
