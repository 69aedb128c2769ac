namespace Workflows.Application.Members;

public static class MemberQueries
{
    /// <summary>
    /// How many admins the workspace keeps besides <paramref name="memberId"/>. Agents never sign
    /// in, so an agent with the admin role cannot administer the workspace and does not count.
    /// </summary>
    public static Task<int> OtherAdminsAsync(this IApplicationDbContext db, long workspaceId, long memberId, CancellationToken ct) =>
        db.Members.CountAsync(
            m => m.WorkspaceId == workspaceId && m.Role == MemberRole.Admin && m.Kind != MemberKind.Agent && m.Id != memberId, ct);
}
