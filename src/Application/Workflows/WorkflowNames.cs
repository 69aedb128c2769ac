namespace Workflows.Application.Workflows;

/// <summary>
/// Names are unique in a workspace, archived workflows included, compared by their key
/// (<see cref="Text.NameKey"/>: NFKC, case-folded, without invisible characters).
/// This check gives the friendly 409 up front; the unique index on the normalized name is what
/// makes it hold under concurrent requests (the database layer turns its violation into the same 409).
/// </summary>
public static class WorkflowNames
{
    public static async Task EnsureAvailableAsync(
        this IApplicationDbContext db, long workspaceId, string name, long? exceptWorkflowId, CancellationToken cancellationToken)
    {
        var normalized = Workflow.Normalize(name);
        var taken = await db.Workflows.AnyAsync(
            w => w.WorkspaceId == workspaceId && w.NormalizedName == normalized && w.Id != exceptWorkflowId,
            cancellationToken);
        if (taken) throw new WorkflowNameConflictException(name.Trim());
    }
}
