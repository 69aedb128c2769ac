using Workflows.Domain.Members;

namespace Workflows.Domain.Workflows;

/// <summary>One line of a workflow's access policy: what members of a role may do to it.</summary>
public sealed class RoleAccess
{
    private RoleAccess() { }

    public RoleAccess(MemberRole role, WorkflowAccess access)
    {
        Role = role;
        Access = access;
    }

    public MemberRole Role { get; private set; }
    public WorkflowAccess Access { get; private set; }
}
