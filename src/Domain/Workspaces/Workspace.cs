using Workflows.Domain.Common;
using Workflows.Domain.Members;
using Workflows.Domain.Workflows;

namespace Workflows.Domain.Workspaces;

/// <summary>The tenant boundary: every other resource belongs to exactly one workspace.</summary>
public sealed class Workspace : IEntity
{
    private Workspace() { }

    public long Id { get; private set; }
    public Guid Uuid { get; private set; }
    public string Name { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }

    /// <summary>A new workspace; <paramref name="uuid"/> only when its identity is fixed in advance (the demo workspace).</summary>
    public static Workspace Create(string name, Guid? uuid = null) => new()
    {
        Uuid = uuid ?? Guid.NewGuid(),
        Name = Guard.Text(name, "name", WorkflowLimits.NameMaxLength),
    };

    /// <summary>The caller who creates a workspace becomes its first admin.</summary>
    public Member AddFounder(MemberKind kind, string displayName, string objectId) =>
        Member.Create(this, kind, displayName, objectId, MemberRole.Admin);
}
