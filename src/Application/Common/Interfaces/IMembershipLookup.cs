namespace Workflows.Application.Common.Interfaces;

/// <summary>Who the caller is in a workspace: asked before every workspace request, so kept to one compiled, indexed query.</summary>
public interface IMembershipLookup
{
    /// <summary>The member with this object id in the workspace with this uuid; null when either does not exist.</summary>
    Task<Member?> FindAsync(string objectId, Guid workspaceUuid, CancellationToken cancellationToken);
}
