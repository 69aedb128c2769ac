using System.Linq.Expressions;
using Workflows.Domain.Members;

namespace Workflows.Domain.Workflows;

/// <summary>
/// Who may do what to one workflow: the workflow's owner and the workspace's admins have admin
/// authority; anyone else has what the workflow's <c>memberRoleAccess</c> entry for their role
/// says, or their role's default (<see cref="Member.DefaultWorkflowAccess"/>). It needs only the
/// workflow's workspace, owner and role-access entries, so it can be read without the aggregate.
/// </summary>
public sealed class WorkflowAccessPolicy(long workspaceId, long ownerId, IReadOnlyList<RoleAccess> memberRoleAccess)
{
    public long WorkspaceId { get; } = workspaceId;
    public long OwnerId { get; } = ownerId;
    public IReadOnlyList<RoleAccess> MemberRoleAccess { get; } = memberRoleAccess;

    /// <summary>The authority <paramref name="member"/> has on the workflow.</summary>
    public WorkflowAccess AccessFor(Member member) =>
        AccessFor(member, WorkspaceId, OwnerId, MemberRoleAccess.FirstOrDefault(a => a.Role == member.Role)?.Access);

    /// <summary>
    /// The same rule from the columns it needs (for lists read without whole aggregates):
    /// <paramref name="accessForRole"/> is the policy's entry for the member's role, if any.
    /// </summary>
    public static WorkflowAccess AccessFor(Member member, long workspaceId, long ownerId, WorkflowAccess? accessForRole)
    {
        if (member.WorkspaceId != workspaceId) return WorkflowAccess.None;
        if (member.Id == ownerId || member.IsWorkspaceAdmin) return WorkflowAccess.Admin;
        return accessForRole ?? member.DefaultWorkflowAccess;
    }

    /// <summary>Refuses (403) a member with less than <paramref name="needed"/> authority.</summary>
    public void Demand(Member member, WorkflowAccess needed)
    {
        if (AccessFor(member) < needed) throw new WorkflowAccessDeniedException(needed);
    }

    /// <summary>Whether <paramref name="entries"/> say the same as this policy's role-access entries (order aside).</summary>
    public bool HasSameEntries(IReadOnlyCollection<RoleAccess> entries) =>
        entries.Count == MemberRoleAccess.Count
        && entries.All(e => MemberRoleAccess.Any(a => a.Role == e.Role && a.Access == e.Access));

    /// <summary>
    /// The same rule as <see cref="AccessFor(Member)"/>, as a query filter: the workflows on which
    /// <paramref name="member"/> has at least <paramref name="needed"/>.
    /// </summary>
    public static Expression<Func<Workflow, bool>> AccessibleBy(Member member, WorkflowAccess needed)
    {
        var memberId = member.Id;
        var workspaceId = member.WorkspaceId;
        var role = member.Role;
        if (member.IsWorkspaceAdmin)
            return w => w.WorkspaceId == workspaceId;
        var defaultSuffices = member.DefaultWorkflowAccess >= needed;
        return w => w.WorkspaceId == workspaceId
            && (w.OwnerId == memberId
                || w.MemberRoleAccess.Any(a => a.Role == role && a.Access >= needed)
                || (defaultSuffices && !w.MemberRoleAccess.Any(a => a.Role == role)));
    }
}
