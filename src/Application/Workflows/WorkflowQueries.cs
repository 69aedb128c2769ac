using System.Globalization;

namespace Workflows.Application.Workflows;

/// <summary>How handlers find a workflow of the caller's workspace (and nothing outside it).</summary>
public static class WorkflowQueries
{
    /// <summary>
    /// Locks the workflow's row before anything of it is read, for a command that relies on its
    /// state (archived or not, its tasks, its being there): a concurrent archive, task write or
    /// cascade delete waits for the command's transaction, or ran entirely before it. 404 when it is gone.
    /// </summary>
    public static async Task LockExistingWorkflowAsync(this IRowLocks locks, long workspaceId, long workflowId, CancellationToken cancellationToken)
    {
        if (!await locks.LockWorkflowAsync(workspaceId, workflowId, cancellationToken)) throw NotFoundException.Workflow();
    }

    /// <summary>
    /// A workflow with everything needed to answer with it: tasks, transitions and access policy,
    /// as one consistent state (see <see cref="IWorkflowStore"/>). Tracked when <paramref name="forUpdate"/>.
    /// </summary>
    public static async Task<Workflow> GetWithTasksAsync(
        this IWorkflowStore store, long workspaceId, long workflowId, bool forUpdate, CancellationToken cancellationToken) =>
        await store.FindWithTasksAsync(workspaceId, workflowId, forUpdate, cancellationToken)
        ?? throw NotFoundException.Workflow();

    /// <summary>Accepts the integer id or the uuid, as <c>GET /workflows/{workflow_id}</c> does.</summary>
    public static async Task<Workflow> GetWithTasksAsync(
        this IWorkflowStore store, long workspaceId, string workflowRef, CancellationToken cancellationToken)
    {
        if (long.TryParse(workflowRef, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return await store.GetWithTasksAsync(workspaceId, id, forUpdate: false, cancellationToken);
        if (Guid.TryParse(workflowRef, out var uuid))
            return await store.FindWithTasksAsync(workspaceId, uuid, forUpdate: false, cancellationToken) ?? throw NotFoundException.Workflow();
        throw NotFoundException.Workflow();
    }

    public static async Task<Workflow> GetInWorkspaceAsync(
        this IQueryable<Workflow> workflows, long workspaceId, long workflowId, CancellationToken cancellationToken) =>
        await workflows.FirstOrDefaultAsync(w => w.Id == workflowId && w.WorkspaceId == workspaceId, cancellationToken)
        ?? throw NotFoundException.Workflow();

    /// <summary>Accepts the integer id or the uuid, as <c>GET /workflows/{workflow_id}</c> does.</summary>
    public static async Task<Workflow> GetInWorkspaceAsync(
        this IQueryable<Workflow> workflows, long workspaceId, string workflowRef, CancellationToken cancellationToken)
    {
        if (long.TryParse(workflowRef, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return await workflows.GetInWorkspaceAsync(workspaceId, id, cancellationToken);
        if (Guid.TryParse(workflowRef, out var uuid))
        {
            return await workflows.FirstOrDefaultAsync(w => w.Uuid == uuid && w.WorkspaceId == workspaceId, cancellationToken)
                ?? throw NotFoundException.Workflow();
        }
        throw NotFoundException.Workflow();
    }

    public static bool IsWorkflowRef(string? value) =>
        value is not null
        && ((long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            || Guid.TryParse(value, out _));

    /// <summary>How many assignments run through a workflow, and the newest one's id (0 when none).</summary>
    public static async Task<(int Count, long LastId)> AssignmentsOf(this IApplicationDbContext db, long workflowId, CancellationToken ct)
    {
        var stats = await db.Assignments.Where(a => a.WorkflowId == workflowId)
            .GroupBy(a => 1)
            .Select(g => new { Count = g.Count(), LastId = g.Max(a => a.Id) })
            .FirstOrDefaultAsync(ct);
        return stats is null ? (0, 0) : (stats.Count, stats.LastId);
    }
}
