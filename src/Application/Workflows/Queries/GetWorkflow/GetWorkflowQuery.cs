namespace Workflows.Application.Workflows.Queries.GetWorkflow;

/// <summary><paramref name="WorkflowId"/> is the integer id or the uuid.</summary>
[RequiresScope(Scope.Read)]
public sealed record GetWorkflowQuery(Guid WorkspaceUuid, string WorkflowId) : IQuery<WorkflowResponse>, IWorkspaceRequest;

public sealed class GetWorkflowHandler(IWorkflowStore workflows, CurrentMember current)
    : IQueryHandler<GetWorkflowQuery, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(GetWorkflowQuery query, CancellationToken cancellationToken)
    {
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, query.WorkflowId, cancellationToken);
        workflow.Demand(current.Member, WorkflowAccess.Use);
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
