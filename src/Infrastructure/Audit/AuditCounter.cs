namespace Workflows.Infrastructure.Audit;

/// <summary>
/// The last sequence number a workspace's audit log has given out. A row of its own (not a column
/// of the workspace) so that the only lock on it is the one the log takes as a request's last step:
/// it never waits behind a request that locked the workspace for its own reasons.
/// </summary>
public sealed class AuditCounter
{
    public long WorkspaceId { get; set; }
    public long LastSequence { get; set; }

    /// <summary>The time of the last entry given out: the next one's time is never earlier (see <see cref="AuditLog"/>).</summary>
    public DateTime LastAt { get; set; }
}
