namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// The caller's membership of a workspace: the one lookup every workspace request makes before its
/// handler runs, so it has an implementation of its own that the database can answer cheaply.
/// </summary>
public interface IMemberships
{
    /// <summary>The member with this object id in the workspace with this uuid; null when there is none (or no such workspace).</summary>
    Task<Member?> FindAsync(string objectId, Guid workspaceUuid, CancellationToken cancellationToken);
}
