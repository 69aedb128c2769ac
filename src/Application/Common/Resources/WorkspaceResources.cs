using System.Linq.Expressions;
using Workflows.Application.Common.Paging;
using Workflows.Domain.Resources;

namespace Workflows.Application.Common.Resources;

/// <summary>
/// What the workspace's resources (phone numbers, inboxes) share: adding one the workspace does not
/// have yet, reading and listing them inside the workspace, and deleting one no workflow names.
/// </summary>
public static class WorkspaceResources
{
    /// <summary>Adds <paramref name="resource"/> unless the workspace has one that <paramref name="same"/> matches (409 resource_exists).</summary>
    public static async Task AddUniqueAsync<T>(
        this IApplicationDbContext db, DbSet<T> resources, T resource, Expression<Func<T, bool>> same, string what, CancellationToken ct)
        where T : class, IWorkspaceOwned
    {
        var workspaceId = resource.WorkspaceId;
        if (await resources.Where(r => r.WorkspaceId == workspaceId).AnyAsync(same, ct)) throw new ResourceExistsException(what);
        resources.Add(resource);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One page of the workspace's resources of a kind, in id order.</summary>
    public static Task<Page<TResponse>> PageInWorkspaceAsync<T, TResponse>(
        this IQueryable<T> resources, long workspaceId, IPagedRequest request, CursorCodec cursors, string kind, Func<T, TResponse> map, CancellationToken ct)
        where T : class, IWorkspaceOwned =>
        resources.AsNoTracking()
            .Where(r => r.WorkspaceId == workspaceId)
            .PageByIdAsync(request, cursors, CursorCodec.Fingerprint(kind, workspaceId), map, ct);

    public static async Task<T> GetInWorkspaceAsync<T>(this IQueryable<T> resources, long id, long workspaceId, string what, CancellationToken ct)
        where T : class, IWorkspaceOwned =>
        await resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.WorkspaceId == workspaceId, ct)
        ?? throw new NotFoundException($"The {what} does not exist in this workspace.");

    /// <summary>
    /// Deletes the resource unless a workflow still names it (<paramref name="users"/>): 409
    /// resource_in_use. The resource is locked first (<paramref name="lockResource"/>), as a
    /// workflow that is about to name it locks it: the count cannot miss a workflow that names it
    /// before the delete, and a workflow that names it after finds it gone.
    /// </summary>
    public static async Task DeleteUnusedAsync<T>(
        this IQueryable<T> resources, long id, long workspaceId, Func<CancellationToken, Task<bool>> lockResource,
        IQueryable<Workflow> users, string what, CancellationToken ct)
        where T : class, IWorkspaceOwned
    {
        if (!await lockResource(ct)) throw new NotFoundException($"The {what} does not exist in this workspace.");
        var count = await users.CountAsync(ct);
        if (count > 0) throw new ResourceInUseException(what, count);
        await resources.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }
}
