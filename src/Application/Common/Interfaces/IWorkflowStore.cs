namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// Writes that touch many workflow rows at once, as set-based statements. Each keeps what the
/// change tracker keeps for single rows: a changed workflow gets a new <c>Version</c> (its ETag)
/// and a new <c>UpdatedAt</c>. Run them inside a <see cref="Security.TransactionalAttribute"/> request.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>
    /// Deletes the workflow with its tasks and their transitions, and unlinks its assignments
    /// (they keep the workflow's name and uuid), if it is still at <paramref name="expectedVersion"/>.
    /// Answers how many tasks went, or null when the workflow changed or went since it was read.
    /// </summary>
    Task<int?> DeleteAsync(long workflowId, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Hands every workflow <paramref name="fromMemberId"/> owns to <paramref name="toMemberId"/>.</summary>
    Task<int> TransferOwnershipAsync(long fromMemberId, long toMemberId, CancellationToken cancellationToken);

    /// <summary>The workflows run by <paramref name="agentId"/> are left without an agent.</summary>
    Task<int> RemoveAgentAsync(long agentId, CancellationToken cancellationToken);
}
