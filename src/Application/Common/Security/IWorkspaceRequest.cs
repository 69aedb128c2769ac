namespace Workflows.Application.Common.Security;

/// <summary>A request addressed to one workspace: the caller must be one of its members.</summary>
public interface IWorkspaceRequest
{
    Guid WorkspaceUuid { get; }
}
