using Workflows.Domain.Common;
using Workflows.Domain.Workflows;
using Workflows.Domain.Workspaces;

namespace Workflows.Domain.Members;

/// <summary>Someone (or something) that belongs to a workspace.</summary>
public sealed class Member : IEntity
{
    public const int DisplayNameMaxLength = 200;
    public const int ObjectIdMaxLength = 100;

    private Member() { }

    public long Id { get; private set; }
    public long WorkspaceId { get; private set; }
    public Workspace? Workspace { get; private set; }
    public MemberKind Kind { get; private set; }
    public string DisplayName { get; private set; } = null!;

    /// <summary>The Azure AD object id (<c>oid</c>) of a person or daemon; agents have none.</summary>
    public string? ObjectId { get; private set; }

    public MemberRole Role { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public bool IsAgent => Kind == MemberKind.Agent;
    public bool IsWorkspaceAdmin => Role == MemberRole.Admin;

    /// <summary>Creating a workflow (from scratch, by cloning or from a template) needs the role member or admin.</summary>
    public bool CanCreateWorkflows => Role is MemberRole.Admin or MemberRole.Member;

    /// <summary>What a role may do to a workflow whose access policy says nothing about that role.</summary>
    public WorkflowAccess DefaultWorkflowAccess => Role switch
    {
        MemberRole.Admin => WorkflowAccess.Admin,
        MemberRole.Member => WorkflowAccess.Use,
        _ => WorkflowAccess.None,
    };

    public static Member Create(Workspace workspace, MemberKind kind, string displayName, string? objectId, MemberRole role)
    {
        var member = Create(workspace.Id, kind, displayName, objectId, role);
        member.Workspace = workspace;
        return member;
    }

    public static Member Create(long workspaceId, MemberKind kind, string displayName, string? objectId, MemberRole role)
    {
        if (!Enum.IsDefined(kind))
            throw new RuleViolationException(ErrorCodes.InvalidValue, "'kind' must be person, daemon or agent.", "kind");
        if (!Enum.IsDefined(role))
            throw new RuleViolationException(ErrorCodes.InvalidValue, "'role' must be admin, member or guest.", "role");

        string? oid = null;
        if (kind == MemberKind.Agent)
        {
            if (!string.IsNullOrWhiteSpace(objectId))
                throw new RuleViolationException(ErrorCodes.InvalidValue, "An agent has no 'objectId': it never signs in.", "objectId");
        }
        else
        {
            oid = Guard.Text(objectId, "objectId", ObjectIdMaxLength);
        }

        return new Member
        {
            WorkspaceId = workspaceId,
            Kind = kind,
            DisplayName = Guard.Text(displayName, "displayName", DisplayNameMaxLength),
            ObjectId = oid,
            Role = role,
        };
    }

    /// <summary>
    /// A workspace always keeps an admin: the last one cannot be demoted.
    /// <paramref name="otherAdmins"/> is the number of admins besides this member.
    /// </summary>
    public void ChangeRole(MemberRole role, int otherAdmins)
    {
        if (!Enum.IsDefined(role))
            throw new RuleViolationException(ErrorCodes.InvalidValue, "'role' must be admin, member or guest.", "role");
        if (IsWorkspaceAdmin && role != MemberRole.Admin && otherAdmins == 0) throw new LastAdminException();
        Role = role;
    }

    /// <summary>
    /// Guards a removal: the last admin stays, and the workflows a member owns go to someone else
    /// (<paramref name="transferTo"/>, a person or daemon of the same workspace) rather than to no one.
    /// </summary>
    public void EnsureCanBeRemoved(int otherAdmins, int ownedWorkflows, Member? transferTo)
    {
        if (IsWorkspaceAdmin && otherAdmins == 0) throw new LastAdminException();
        if (transferTo is not null
            && (transferTo.Id == Id || transferTo.WorkspaceId != WorkspaceId || transferTo.IsAgent))
            throw new RuleViolationException(ErrorCodes.InvalidReference,
                "'transferTo' must name another person or daemon member of this workspace.", "transferTo");
        if (ownedWorkflows > 0 && transferTo is null) throw new MemberOwnsWorkflowsException(ownedWorkflows);
    }

    public void Rename(string displayName) =>
        DisplayName = Guard.Text(displayName, "displayName", DisplayNameMaxLength);
}
