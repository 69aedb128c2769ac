using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// Row locks as an <c>UPDATE</c> that sets a column to itself (an unindexed one, so no index is
/// touched): every provider takes the row's write lock for it and holds it to the end of the
/// transaction, and nothing about the row changes (its version and ETag stay as they are). Portable
/// where <c>SELECT … FOR UPDATE</c> and <c>WITH (UPDLOCK)</c> are not.
/// </summary>
internal sealed class RowLocks(WorkflowsDbContext db) : IRowLocks
{
    public async Task LockWorkspaceAsync(long workspaceId, CancellationToken cancellationToken)
    {
        EnsureTransaction();
        await db.Workspaces.Where(w => w.Id == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, w => w.Name), cancellationToken);
    }

    public async Task<int> LockMembersAsync(long workspaceId, IReadOnlyCollection<long> memberIds, CancellationToken cancellationToken)
    {
        EnsureTransaction();
        if (memberIds.Count == 0) return 0;
        if (memberIds.Count == 1)
        {
            var id = memberIds.First();
            return await db.Members.Where(m => m.Id == id && m.WorkspaceId == workspaceId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DisplayName, m => m.DisplayName), cancellationToken);
        }
        // One statement, which reads the primary key in order: two of them never lock in opposite orders.
        var ids = memberIds.Order().ToArray();
        return await db.Members.Where(m => ids.Contains(m.Id) && m.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DisplayName, m => m.DisplayName), cancellationToken);
    }

    public async Task<bool> LockPhoneNumberAsync(long workspaceId, long phoneNumberId, CancellationToken cancellationToken)
    {
        EnsureTransaction();
        return await db.PhoneNumbers.Where(p => p.Id == phoneNumberId && p.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Label, p => p.Label), cancellationToken) > 0;
    }

    public async Task<bool> LockInboxAsync(long workspaceId, long inboxId, CancellationToken cancellationToken)
    {
        EnsureTransaction();
        return await db.Inboxes.Where(i => i.Id == inboxId && i.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Label, i => i.Label), cancellationToken) > 0;
    }

    public async Task<bool> LockWorkflowAsync(long workspaceId, long workflowId, CancellationToken cancellationToken)
    {
        EnsureTransaction();
        return await db.Workflows.Where(w => w.Id == workflowId && w.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version), cancellationToken) > 0;
    }

    /// <summary>A lock outside a transaction would end with its own statement and guard nothing.</summary>
    private void EnsureTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A row lock lasts as long as its transaction: take it in a [Transactional] request.");
    }
}
