using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.RateLimiting;

namespace Workflows.Api.RateLimiting;

/// <summary>
/// The fields of draft-ietf-httpapi-ratelimit-headers-10 on every answer of a limited route (2xx,
/// 4xx and the 429 alike), set as the response starts so that they reflect this request:
/// <c>RateLimit-Policy: "caller";q=600;w=60, "workspace";q=3000;w=60</c> (the quotas the request
/// draws on, the workspace's only under a workspace) and <c>RateLimit: "caller";r=597;t=1</c> for
/// the partition nearest its limit (the least of its quota left): <c>r</c> the permits left,
/// <c>t</c> the seconds until its whole quota is back. Routes that are not limited (health) get neither.
/// </summary>
public sealed class RateLimitHeaders(RequestDelegate next, RateLimits limits)
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string StateHeader = "RateLimit";

    private static readonly Func<object, Task> OnStarting = static state =>
    {
        var (context, limits, key) = ((HttpContext, RateLimits, RateLimits.RequestKey))state;
        var standings = limits.StateOf(key);
        context.Response.Headers[PolicyHeader] = Policy(standings);
        context.Response.Headers[StateHeader] = State(Nearest(standings));
        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
            context.Response.OnStarting(OnStarting, (context, limits, limits.KeyOf(context)));
        return next(context);
    }

    /// <summary>The partition nearest its limit: the least share of its quota left (the caller's on a tie).</summary>
    public static RateLimits.Standing Nearest(IReadOnlyList<RateLimits.Standing> standings)
    {
        var nearest = standings[0];
        foreach (var standing in standings)
        {
            if (standing.Share < nearest.Share) nearest = standing;
        }
        return nearest;
    }

    private static string Policy(IReadOnlyList<RateLimits.Standing> standings)
    {
        var value = new StringBuilder();
        foreach (var standing in standings)
        {
            if (value.Length > 0) value.Append(", ");
            value.Append(CultureInfo.InvariantCulture, $"\"{standing.Policy}\";q={standing.Quota};w={RateLimits.WindowSeconds}");
        }
        return value.ToString();
    }

    private static string State(RateLimits.Standing standing) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{standing.Policy}\";r={standing.Remaining};t={standing.SecondsUntilFull}");
}
