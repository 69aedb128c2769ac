namespace Workflows.Application.Workflows.Commands.DeleteWorkflow;

[RequiresScope(Scope.Admin)]
[RequiresAuthority(WorkflowAccess.Delete)]
public sealed record DeleteWorkflowCommand(Guid WorkspaceUuid, long WorkflowId, bool Cascade, string? IfMatch = null)
    : ICommand<StatusResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

/// <summary>
/// Deletes a workflow, and with <c>cascade</c> its tasks and their transitions, in one
/// transaction of set-based statements. Assignments stay: they keep their snapshot of the
/// workflow's name and uuid and lose only the link.
/// </summary>
public sealed class DeleteWorkflowHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<DeleteWorkflowCommand, StatusResponse>
{
    public async ValueTask<StatusResponse> Handle(DeleteWorkflowCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.AsNoTracking().GetInWorkspaceAsync(current.WorkspaceId, command.WorkflowId, cancellationToken);
        var taskCount = await db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id, cancellationToken);
        workflow.EnsureCanBeDeleted(taskCount, command.Cascade);

        var strategy = db.Database.CreateExecutionStrategy();
        var deletedTasks = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var id = workflow.Id;

            // If-Match takes the workflow's ETag or its deletion preview's: checked inside the
            // transaction, so that what is deleted is exactly what the caller saw.
            var assignments = await db.AssignmentsOf(id, ct);
            ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(current.Member), ETag.ForDeletion(workflow.Version, assignments.Count, assignments.LastId));

            // Claim the version we checked first: if anything changed the workflow or its tasks
            // since (a task added, a concurrent delete), nothing is deleted.
            var claimed = await db.Workflows
                .Where(w => w.Id == id && w.Version == workflow.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version + 1), ct);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(ct);
                return (int?)null;
            }

            await db.Assignments.Where(a => a.WorkflowId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.WorkflowId, (long?)null), ct);
            await db.TaskTransitions.Where(t => t.From.WorkflowId == id).ExecuteDeleteAsync(ct);
            var tasks = await db.Tasks.Where(t => t.WorkflowId == id).ExecuteDeleteAsync(ct);
            await db.Workflows.Where(w => w.Id == id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return tasks;
        }, cancellationToken);

        if (deletedTasks is null)
        {
            var stillThere = await db.Workflows.AnyAsync(w => w.Id == workflow.Id, cancellationToken);
            throw stillThere ? new ConcurrentUpdateException() : NotFoundException.Workflow();
        }

        return command.Cascade ? StatusResponse.Success with { DeletedTaskCount = deletedTasks } : StatusResponse.Success;
    }
}
