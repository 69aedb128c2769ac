namespace Workflows.Infrastructure.Audit;

/// <summary>The <c>History</c> settings: how long the audit log keeps its entries. A value out of its range stops the service at start, naming the setting.</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>How often expired entries are swept.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    /// <summary>At most this many entries are deleted by one statement of the sweep (each a short write).</summary>
    public const int SweepBatchSize = 1_000;

    /// <summary>Days an audit entry is kept after it was written; older ones are swept.</summary>
    public int AuditRetentionDays { get; set; } = 365;

    public string? AuditRetentionDaysProblem() =>
        AuditRetentionDays is >= 1 and <= 36_500
            ? null
            : $"{Section}:{nameof(AuditRetentionDays)} is {AuditRetentionDays}; it must be a whole number of days from 1 to 36500.";
}
