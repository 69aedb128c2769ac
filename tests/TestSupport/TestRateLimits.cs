using Microsoft.AspNetCore.Hosting;

namespace Workflows.TestSupport;

/// <summary>
/// Rate limits high enough that no suite is throttled: the fuzzing, the authorization matrix, the
/// race drills and the replicas send thousands of requests as a handful of callers. The rate
/// limits' own tests start a host with low limits instead.
/// </summary>
public static class TestRateLimits
{
    public static readonly IReadOnlyDictionary<string, string> Unthrottled = new Dictionary<string, string>
    {
        ["RateLimiting:PermitsPerMinute"] = "100000000",
        ["RateLimiting:WorkspacePermitsPerMinute"] = "100000000",
    };

    public static IWebHostBuilder WithUnthrottledRateLimits(this IWebHostBuilder builder)
    {
        foreach (var (key, value) in Unthrottled) builder.UseSetting(key, value);
        return builder;
    }
}
