namespace Workflows.Infrastructure.Idempotency;

/// <summary>The <c>Idempotency</c> settings; a value out of its range stops the service at start, naming the setting.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a key stays forgotten-proof: 24 hours after its first use.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a request holds its key before a retry may take it over (when the request died
    /// without freeing it). Longer than the slowest request; short enough for a retry to wait.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often expired keys are swept.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many keys are deleted by one statement of the sweep.</summary>
    public int SweepBatchSize { get; set; } = 500;

    public string? LeaseProblem() => Range(nameof(Lease), Lease, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

    public string? SweepIntervalProblem() => Range(nameof(SweepInterval), SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));

    public string? SweepBatchSizeProblem() =>
        SweepBatchSize is >= 1 and <= 10_000 ? null : $"{Section}:{nameof(SweepBatchSize)} is {SweepBatchSize}; it must be a whole number from 1 to 10000.";

    private static string? Range(string name, TimeSpan value, TimeSpan min, TimeSpan max) =>
        value >= min && value <= max ? null : $"{Section}:{name} is {value}; it must be a duration (hh:mm:ss) from {min} to {max}.";
}
