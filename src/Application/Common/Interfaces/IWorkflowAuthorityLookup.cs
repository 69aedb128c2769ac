namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// What authority on a workflow depends on: asked before every workflow request, so kept to one
/// compiled, indexed query that reads the workflow's id, owner and role-access entries, never the aggregate.
/// </summary>
public interface IWorkflowAuthorityLookup
{
    /// <summary>The workflow's id and access policy, or null when the workspace has no such workflow.</summary>
    Task<(long Id, WorkflowAccessPolicy Policy)?> FindAsync(long workspaceId, WorkflowKey workflow, CancellationToken cancellationToken);
}
