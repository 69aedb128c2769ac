namespace Workflows.Application.Workflows.Commands.ArchiveWorkflow;

[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
public sealed record ArchiveWorkflowCommand(Guid WorkspaceUuid, long WorkflowId, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class ArchiveWorkflowHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<ArchiveWorkflowCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(ArchiveWorkflowCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.GetInWorkspaceAsync(current.WorkspaceId, command.WorkflowId, cancellationToken);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(current.Member));
        workflow.Archive();
        await db.SaveChangesAsync(cancellationToken);
        return StatusResponse.Success;
    }
}
