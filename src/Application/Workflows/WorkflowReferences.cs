namespace Workflows.Application.Workflows;

/// <summary>Resolves the ids a workflow body names to resources of the same workspace, or answers 400.</summary>
public static class WorkflowReferences
{
    public static async Task<Member> MemberAsync(this IApplicationDbContext db, long workspaceId, long memberId, string field, CancellationToken ct) =>
        await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == workspaceId, ct)
        ?? throw new InvalidReferenceException(field, $"'{field}' must name a member of this workspace.");

    public static async Task EnsurePhoneNumberAsync(this IApplicationDbContext db, long workspaceId, long? id, CancellationToken ct)
    {
        if (id is null) return;
        if (!await db.PhoneNumbers.AnyAsync(p => p.Id == id && p.WorkspaceId == workspaceId, ct))
            throw new InvalidReferenceException("defaultPhoneNumberId", "'defaultPhoneNumberId' must name a phone number of this workspace.");
    }

    public static async Task EnsureInboxAsync(this IApplicationDbContext db, long workspaceId, long? id, CancellationToken ct)
    {
        if (id is null) return;
        if (!await db.Inboxes.AnyAsync(i => i.Id == id && i.WorkspaceId == workspaceId, ct))
            throw new InvalidReferenceException("defaultInboxId", "'defaultInboxId' must name an inbox of this workspace.");
    }
}
