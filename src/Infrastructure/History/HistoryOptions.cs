namespace Workflows.Infrastructure.History;

/// <summary>
/// The <c>History</c> settings: how many versions a workflow's history keeps, and how long the
/// audit log keeps its entries. A value out of its range stops the service at start, naming the setting.
/// </summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>How often expired audit entries are swept.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    /// <summary>At most this many audit entries are deleted by one statement of the sweep (each a short write).</summary>
    public const int SweepBatchSize = 1_000;

    /// <summary>How many versions of a workflow are kept: the newest; older ones are dropped as new ones come.</summary>
    public int MaxVersionsPerWorkflow { get; set; } = 500;

    /// <summary>Days an audit entry is kept after it was written; older ones are swept.</summary>
    public int AuditRetentionDays { get; set; } = 365;

    public string? MaxVersionsPerWorkflowProblem() =>
        MaxVersionsPerWorkflow is >= 1 and <= 100_000
            ? null
            : $"{Section}:{nameof(MaxVersionsPerWorkflow)} is {MaxVersionsPerWorkflow}; it must be a whole number from 1 to 100000.";

    public string? AuditRetentionDaysProblem() =>
        AuditRetentionDays is >= 1 and <= 36_500
            ? null
            : $"{Section}:{nameof(AuditRetentionDays)} is {AuditRetentionDays}; it must be a whole number of days from 1 to 36500.";
}
