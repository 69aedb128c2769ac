namespace Workflows.Application.Workspaces;

/// <summary>A workspace with the caller's role in it.</summary>
public sealed record WorkspaceResponse(long Id, Guid Uuid, string Name, MemberRole Role, DateTime CreatedAt);
