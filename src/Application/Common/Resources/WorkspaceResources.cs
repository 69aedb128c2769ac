using Workflows.Domain.Resources;

namespace Workflows.Application.Common.Resources;

/// <summary>Lookups and deletion shared by the workspace's resources (phone numbers, inboxes).</summary>
public static class WorkspaceResources
{
    public static async Task<T> GetInWorkspaceAsync<T>(this IQueryable<T> resources, long id, long workspaceId, string what, CancellationToken ct)
        where T : class, IWorkspaceOwned =>
        await resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.WorkspaceId == workspaceId, ct)
        ?? throw new NotFoundException($"The {what} does not exist in this workspace.");

    /// <summary>Deletes the resource unless a workflow still names it (<paramref name="users"/>): 409 resource_in_use.</summary>
    public static async Task DeleteUnusedAsync<T>(
        this IQueryable<T> resources, long id, long workspaceId, IQueryable<Workflow> users, string what, CancellationToken ct)
        where T : class, IWorkspaceOwned
    {
        await resources.GetInWorkspaceAsync(id, workspaceId, what, ct);
        var count = await users.CountAsync(ct);
        if (count > 0) throw new ResourceInUseException(what, count);
        await resources.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }
}
