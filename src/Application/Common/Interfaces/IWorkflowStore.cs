namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// Reads and writes a whole workflow aggregate (settings, access policy, tasks and transitions)
/// with a fixed number of statements, whatever its size and whatever the database holds.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>
    /// The workflow of the workspace with its tasks (ordered by id) and their transitions, as one
    /// consistent state: never a workflow without the tasks it had at that moment. Tracked when
    /// <paramref name="forUpdate"/> (then <c>SaveChangesAsync</c> writes what the handler changed).
    /// </summary>
    Task<Workflow?> FindWithTasksAsync(long workspaceId, long workflowId, bool forUpdate, CancellationToken cancellationToken);

    /// <inheritdoc cref="FindWithTasksAsync(long, long, bool, CancellationToken)"/>
    Task<Workflow?> FindWithTasksAsync(long workspaceId, Guid workflowUuid, bool forUpdate, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a new workflow with all its tasks and transitions in the request's transaction (call it
    /// from a [Transactional] request), the tasks and the transitions each in set-based
    /// statements, and answers with the workflow as stored.
    /// </summary>
    Task<Workflow> InsertAsync(Workflow workflow, CancellationToken cancellationToken);

    // ---- writes over many rows -----------------------------------------------------------------
    // Set-based statements; each keeps what the change tracker keeps for single rows: a changed
    // workflow gets a new Version (its ETag) and a new UpdatedAt. Run them in a [Transactional] request.

    /// <summary>
    /// Deletes the workflow with its tasks and their transitions, and unlinks its assignments
    /// (they keep the workflow's name and uuid), if it is still at <paramref name="expectedVersion"/>.
    /// Answers how many tasks went, or null when the workflow changed or went since it was read.
    /// </summary>
    Task<int?> DeleteAsync(long workflowId, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Hands every workflow <paramref name="fromMemberId"/> owns to <paramref name="toMemberId"/>
    /// (and clears the agent of those the member also runs), moving each one's version on by one.
    /// </summary>
    Task<int> TransferOwnershipAsync(long fromMemberId, long toMemberId, CancellationToken cancellationToken);

    /// <summary>The workflows run by <paramref name="agentId"/> are left without an agent.</summary>
    Task<int> RemoveAgentAsync(long agentId, CancellationToken cancellationToken);
}
