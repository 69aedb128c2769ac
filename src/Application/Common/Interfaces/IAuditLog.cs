using Workflows.Domain.Audit;

namespace Workflows.Application.Common.Interfaces;

/// <summary>Where a request's audit entries are written.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Places <paramref name="entries"/> (all of one workspace) at the end of their workspace's log
    /// and inserts them, in the open transaction: one statement takes the next sequence numbers
    /// from the workspace's counter row (and holds that row's lock until the commit), one inserts
    /// the entries. Called as the transaction's last step, so that sequence order is commit order.
    /// The same statement keeps the workspace's entries' times in that order: an entry's
    /// <see cref="AuditEntry.At"/> is never earlier than the one before it, so a time range of the
    /// log is a range of its sequence numbers.
    /// </summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);
}
