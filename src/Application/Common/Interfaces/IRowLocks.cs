namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// Write locks on the rows whose state a command relies on, held until its transaction ends, so
/// that a rule checked in one statement still holds when another statement acts on it. Taken only
/// inside a <see cref="Security.TransactionalAttribute"/> request, before the rows they guard are
/// read. Concurrent transactions that lock the same row run one after the other on every provider
/// (SQLite, which runs one writer at a time anyway, SQL Server and PostgreSQL at READ COMMITTED).
/// <para>
/// The lock order, which every command keeps so that two transactions never wait for each other:
/// the workspace, then members, phone numbers and inboxes (members by ascending id), then the
/// workflow. Rows written without an explicit lock (a workflow saved through its version, tasks,
/// assignments) come after all of them. Lock the parent whose state you rely on: the workspace
/// for its roles, a member, phone number or inbox for its existence, a workflow for its state and
/// its tasks.
/// </para>
/// </summary>
public interface IRowLocks
{
    /// <summary>The workspace row: guards its admins (who has which role, who is a member).</summary>
    Task LockWorkspaceAsync(long workspaceId, CancellationToken cancellationToken);

    /// <summary>The rows of the workspace's <paramref name="memberIds"/>, in id order; answers how many exist.</summary>
    Task<int> LockMembersAsync(long workspaceId, IReadOnlyCollection<long> memberIds, CancellationToken cancellationToken);

    /// <summary>The phone number's row; false when the workspace has no such number.</summary>
    Task<bool> LockPhoneNumberAsync(long workspaceId, long phoneNumberId, CancellationToken cancellationToken);

    /// <summary>The inbox's row; false when the workspace has no such inbox.</summary>
    Task<bool> LockInboxAsync(long workspaceId, long inboxId, CancellationToken cancellationToken);

    /// <summary>
    /// The workflow's row: guards its archived state, its tasks and its being there at all (a
    /// cascade delete takes the same lock). False when the workspace has no such workflow.
    /// </summary>
    Task<bool> LockWorkflowAsync(long workspaceId, long workflowId, CancellationToken cancellationToken);
}
