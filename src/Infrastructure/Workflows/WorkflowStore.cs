using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Workflows;

/// <summary>Set-based writes over many workflow rows (see <see cref="IWorkflowStore"/>).</summary>
internal sealed class WorkflowStore(WorkflowsDbContext db, TimeProvider clock) : IWorkflowStore
{
    public async Task<int?> DeleteAsync(long workflowId, long expectedVersion, CancellationToken cancellationToken)
    {
        // Claim the version read first: if anything changed the workflow or its tasks since (a
        // task added, a concurrent delete), nothing is deleted.
        var claimed = await db.Workflows
            .Where(w => w.Id == workflowId && w.Version == expectedVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version + 1), cancellationToken);
        if (claimed == 0) return null;

        await db.Assignments.Where(a => a.WorkflowId == workflowId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.WorkflowId, (long?)null), cancellationToken);
        // By the tasks' ids (an index range each), never by a join that reads every transition.
        await db.TaskTransitions
            .Where(tr => db.Tasks.Where(t => t.WorkflowId == workflowId).Select(t => t.Id).Contains(tr.FromTaskId))
            .ExecuteDeleteAsync(cancellationToken);
        var tasks = await db.Tasks.Where(t => t.WorkflowId == workflowId).ExecuteDeleteAsync(cancellationToken);
        await db.Workflows.Where(w => w.Id == workflowId).ExecuteDeleteAsync(cancellationToken);
        return tasks;
    }

    public Task<int> TransferOwnershipAsync(long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Workflows.Where(w => w.OwnerId == fromMemberId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.OwnerId, toMemberId)
            .SetProperty(w => w.Version, w => w.Version + 1)
            .SetProperty(w => w.UpdatedAt, now), cancellationToken);
    }

    public Task<int> RemoveAgentAsync(long agentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Workflows.Where(w => w.AgentId == agentId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.AgentId, (long?)null)
            .SetProperty(w => w.Version, w => w.Version + 1)
            .SetProperty(w => w.UpdatedAt, now), cancellationToken);
    }
}
