namespace Workflows.Application.Workflows.Commands.UnarchiveWorkflow;

[RequiresScope(Scope.Write)]
public sealed record UnarchiveWorkflowCommand(Guid WorkspaceUuid, long WorkflowId, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkspaceRequest;

public sealed class UnarchiveWorkflowHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<UnarchiveWorkflowCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(UnarchiveWorkflowCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.GetInWorkspaceAsync(current.WorkspaceId, command.WorkflowId, cancellationToken);
        workflow.Demand(current.Member, WorkflowAccess.Edit);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(current.Member));
        workflow.Unarchive();
        await db.SaveChangesAsync(cancellationToken);
        return StatusResponse.Success;
    }
}
