namespace Workflows.Application.Workflows;

/// <summary>Resolves the ids a workflow body names to resources of the same workspace, or answers 400.</summary>
public static class WorkflowReferences
{
    /// <summary>
    /// Locks the members, phone number and inbox a workflow is about to name, in the lock order
    /// (<see cref="IRowLocks"/>), before they are checked: none of them can then be removed or
    /// deleted until the transaction ends, and a removal that came first is seen as gone (400).
    /// </summary>
    public static async Task LockNamedAsync(
        this IRowLocks locks, long workspaceId, IEnumerable<long?> memberIds, long? phoneNumberId, long? inboxId, CancellationToken ct)
    {
        var members = memberIds.OfType<long>().Distinct().ToList();
        if (members.Count > 0) await locks.LockMembersAsync(workspaceId, members, ct);
        if (phoneNumberId is { } phone) await locks.LockPhoneNumberAsync(workspaceId, phone, ct);
        if (inboxId is { } inbox) await locks.LockInboxAsync(workspaceId, inbox, ct);
    }

    public static async Task<Member> MemberAsync(this IApplicationDbContext db, long workspaceId, long memberId, string field, CancellationToken ct) =>
        await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == workspaceId, ct)
        ?? throw new InvalidReferenceException(field, $"'{field}' must name a member of this workspace.");

    /// <summary>A default phone number or inbox must be one of this workspace's (null names none).</summary>
    public static async Task EnsureInWorkspaceAsync<T>(this IQueryable<T> resources, long workspaceId, long? id, string field, string what, CancellationToken ct)
        where T : class, IWorkspaceOwned
    {
        if (id is null) return;
        if (!await resources.AnyAsync(r => r.Id == id && r.WorkspaceId == workspaceId, ct))
            throw new InvalidReferenceException(field, $"'{field}' must name {what} of this workspace.");
    }
}
