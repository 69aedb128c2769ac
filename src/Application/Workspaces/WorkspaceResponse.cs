using Riok.Mapperly.Abstractions;
using Workflows.Domain.Workspaces;

namespace Workflows.Application.Workspaces;

/// <summary>A workspace with the caller's role in it.</summary>
public sealed record WorkspaceResponse(long Id, Guid Uuid, string Name, MemberRole Role, DateTime CreatedAt);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class WorkspaceMapper
{
    /// <summary>The workspace as <paramref name="role"/> sees it.</summary>
    public static partial WorkspaceResponse ToResponse(this Workspace workspace, MemberRole role);
}
