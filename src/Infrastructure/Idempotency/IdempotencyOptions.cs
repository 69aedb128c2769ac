using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Workflows.Infrastructure.Idempotency;

/// <summary>The <c>Idempotency</c> settings.</summary>
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

    /// <summary>The settings of <paramref name="section"/>; a value out of its range refuses to start, naming the setting.</summary>
    public static IdempotencyOptions From(IConfiguration section)
    {
        var options = new IdempotencyOptions();
        options.Lease = Read(section, nameof(Lease), options.Lease, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        options.SweepInterval = Read(section, nameof(SweepInterval), options.SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (section[nameof(SweepBatchSize)] is { } batch)
        {
            options.SweepBatchSize = int.TryParse(batch, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 10_000
                ? size
                : throw new InvalidOperationException($"{Section}:{nameof(SweepBatchSize)} must be a whole number from 1 to 10000.");
        }
        return options;
    }

    private static TimeSpan Read(IConfiguration section, string name, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (section[name] is not { } text) return fallback;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{Section}:{name} must be a duration (hh:mm:ss) from {min} to {max}.");
    }
}
