using System.Globalization;
using Microsoft.Extensions.Options;
using Workflows.Api.Errors;
using Workflows.Domain.Common;

namespace Workflows.Api.RateLimiting;

public static class RateLimitingSetup
{
    /// <summary>
    /// The <c>RateLimiting</c> settings (checked at start), the two partitions of
    /// <see cref="RateLimits"/>, and ASP.NET Core's rate limiter asking them for every request:
    /// over the limit, a 429 problem (<c>rate_limited</c>) with <c>Retry-After</c>.
    /// </summary>
    public static IServiceCollection AddWorkflowsRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<RateLimitingSettings>();
        services.AddSingleton<IConfigureOptions<RateLimitingOptions>>(sp => sp.GetRequiredService<RateLimitingSettings>());
        services.AddSingleton<IValidateOptions<RateLimitingOptions>>(sp => sp.GetRequiredService<RateLimitingSettings>());
        services.AddOptions<RateLimitingOptions>().ValidateOnStart();
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<RateLimits>((options, limits) =>
            {
                options.GlobalLimiter = limits.Limiter;
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = (context, _) => RejectAsync(context.HttpContext, limits);
            });
        return services;
    }

    /// <summary>
    /// After authentication (the caller's partition is its token's), before authorization (so that
    /// requests without a valid token are limited too, by address, before their 401).
    /// </summary>
    public static WebApplication UseWorkflowsRateLimiting(this WebApplication app)
    {
        app.UseMiddleware<RateLimitHeaders>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The 429: when a request of this cost fits again, and a problem saying so.</summary>
    private static async ValueTask RejectAsync(HttpContext context, RateLimits limits)
    {
        var key = limits.KeyOf(context);
        var retryAfter = 1;
        foreach (var standing in limits.StateOf(key))
        {
            if (standing.Remaining < key.Cost) retryAfter = Math.Max(retryAfter, standing.SecondsFor(key.Cost - standing.Remaining));
        }
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var problem = Problems.Create(ErrorCodes.RateLimited,
            $"Too many requests: try again in {retryAfter} second{(retryAfter == 1 ? "" : "s")}. The RateLimit and RateLimit-Policy headers say how much is left.");
        problem.Type = "https://tools.ietf.org/html/rfc6585#section-4";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
