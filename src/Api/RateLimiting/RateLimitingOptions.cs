using System.Globalization;
using Microsoft.Extensions.Options;

namespace Workflows.Api.RateLimiting;

/// <summary>
/// The <c>RateLimiting</c> settings: how many permits a caller and a workspace get each minute,
/// and how many permits a write takes (a read takes one).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Permits a caller gets each minute (and may spend at once), across all workspaces.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Permits a workspace gets each minute (and may spend at once), across all its callers.</summary>
    public int WorkspacePermitsPerMinute { get; set; } = 3000;

    /// <summary>Permits a write (any method but GET, HEAD and OPTIONS) takes from each partition.</summary>
    public int WriteCost { get; set; } = 5;
}

/// <summary>
/// Reads and checks the <c>RateLimiting</c> settings. A value that is not a positive whole number
/// (or a write cost larger than a partition's limit, which no write could ever pay) stops the
/// service at start with a message naming the key and what is wrong with it.
/// </summary>
internal sealed class RateLimitingSettings(IConfiguration configuration)
    : IConfigureOptions<RateLimitingOptions>, IValidateOptions<RateLimitingOptions>
{
    private static readonly string[] Keys =
        [nameof(RateLimitingOptions.PermitsPerMinute), nameof(RateLimitingOptions.WorkspacePermitsPerMinute), nameof(RateLimitingOptions.WriteCost)];

    public void Configure(RateLimitingOptions options)
    {
        var section = configuration.GetSection(RateLimitingOptions.Section);
        if (Parse(section[Keys[0]]) is { } permits) options.PermitsPerMinute = permits;
        if (Parse(section[Keys[1]]) is { } workspacePermits) options.WorkspacePermitsPerMinute = workspacePermits;
        if (Parse(section[Keys[2]]) is { } writeCost) options.WriteCost = writeCost;
    }

    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var section = configuration.GetSection(RateLimitingOptions.Section);
        var failures = new List<string>();
        foreach (var key in Keys)
        {
            var raw = section[key];
            if (raw is not null && Parse(raw) is null)
                failures.Add($"{RateLimitingOptions.Section}:{key} must be a positive whole number; it is '{raw}'.");
        }
        Positive(nameof(RateLimitingOptions.PermitsPerMinute), options.PermitsPerMinute);
        Positive(nameof(RateLimitingOptions.WorkspacePermitsPerMinute), options.WorkspacePermitsPerMinute);
        Positive(nameof(RateLimitingOptions.WriteCost), options.WriteCost);
        if (failures.Count == 0)
        {
            NotAbove(nameof(RateLimitingOptions.PermitsPerMinute), options.PermitsPerMinute);
            NotAbove(nameof(RateLimitingOptions.WorkspacePermitsPerMinute), options.WorkspacePermitsPerMinute);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(string key, int value)
        {
            if (value <= 0)
                failures.Add($"{RateLimitingOptions.Section}:{key} must be a positive whole number; it is {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        void NotAbove(string key, int limit)
        {
            if (options.WriteCost > limit)
                failures.Add($"{RateLimitingOptions.Section}:WriteCost must not be larger than {RateLimitingOptions.Section}:{key}; " +
                    $"it is {options.WriteCost.ToString(CultureInfo.InvariantCulture)} and {key} is {limit.ToString(CultureInfo.InvariantCulture)}, so no write could ever be allowed.");
        }
    }

    /// <summary>A whole number in invariant digits (a sign allowed, so that "-5" is reported as negative), or null.</summary>
    private static int? Parse(string? raw) =>
        int.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
