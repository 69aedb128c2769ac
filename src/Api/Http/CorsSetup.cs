using Workflows.Api.Idempotency;
using Workflows.Infrastructure.Settings;

namespace Workflows.Api.Http;

/// <summary>
/// Cross-origin requests are refused unless <c>Cors:AllowedOrigins</c> lists origins. Then those
/// origins may call with a bearer token (no cookies: credentials are not allowed), and a
/// preflight is answered before authentication, without a token, exposing the headers clients
/// read.
/// </summary>
public static class CorsSetup
{
    public const string Section = "Cors:AllowedOrigins";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] RequestHeaders = ["Authorization", "Content-Type", "If-Match", "If-None-Match", IdempotentAttribute.Header];
    private static readonly string[] ExposedHeaders = ["ETag", "Location", "Retry-After", "Idempotent-Replayed", "WWW-Authenticate", "RateLimit-Policy", "RateLimit"];

    public static string[] AllowedOrigins(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<string[]>()?.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray() ?? [];

    /// <summary>Why an allowed origin is unusable (not an absolute http or https origin without a path), or null.</summary>
    public static string? OriginProblem(string origin)
    {
        var trimmed = origin.Trim().TrimEnd('/');
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? null
            : $"{Section} lists '{origin}'; an origin is a scheme (http or https), a host and an optional port, such as https://app.example.com, without a path.";
    }

    public static IServiceCollection AddWorkflowsCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorsSettings>()
            .Configure(o => o.AllowedOrigins = AllowedOrigins(configuration))
            .Require(o => o.AllowedOrigins.Select(OriginProblem).FirstOrDefault(p => p is not null))
            .ValidateOnStart();
        var origins = AllowedOrigins(configuration);
        if (origins.Length == 0) return services;
        return services.AddCors(o => o.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(Methods)
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }

    /// <summary>Before authentication, so that a preflight (which carries no token) is answered by the policy alone.</summary>
    public static WebApplication UseWorkflowsCors(this WebApplication app)
    {
        if (AllowedOrigins(app.Configuration).Length > 0) app.UseCors();
        return app;
    }
}

/// <summary>The origins of <c>Cors:AllowedOrigins</c>, checked at start.</summary>
public sealed class CorsSettings
{
    public string[] AllowedOrigins { get; set; } = [];
}
