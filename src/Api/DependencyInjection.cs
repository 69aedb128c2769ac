using System.Security.Cryptography;
using Workflows.Api.Errors;
using Workflows.Api.Health;
using Workflows.Api.Http;
using Workflows.Api.Json;
using Workflows.Api.OpenApi;
using Workflows.Api.Pipeline;
using Workflows.Api.Security;
using Workflows.Api.Telemetry;
using Workflows.Application;
using Workflows.Infrastructure;
using Workflows.Infrastructure.Data;

namespace Workflows.Api;

/// <summary>
/// The composition root. Each concern's setup lives beside its code: the mediator pipeline in
/// <c>Pipeline/</c>, authentication in <c>Security/</c>, MVC and JSON in <c>Json/</c>, problem
/// details in <c>Errors/</c>, health checks in <c>Health/</c>, the OpenAPI document in <c>OpenApi/</c>,
/// traces and metrics in <c>Telemetry/</c>.
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddApiServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddApplicationServices(CursorKey(configuration));
        services.AddInfrastructureServices(configuration);
        services.AddMediatorPipeline();
        services.AddWorkflowsAuthentication(configuration, environment);
        services.AddWorkflowsControllers();
        services.AddWorkflowsProblemDetails();
        services.AddWorkflowsHealthChecks();
        services.AddWorkflowsOpenApi();
        services.AddWorkflowsCors(configuration);
        services.AddWorkflowsTelemetry(configuration);
        return services;
    }

    /// <summary>Bytes a configured cursor key must have at least: the size of the HMAC-SHA256 key it becomes.</summary>
    public const int MinimumCursorKeyBytes = 32;

    /// <summary>
    /// The key that signs paging cursors; configure one (base64) when several instances serve one
    /// database. A configured key that is not base64, or shorter than 32 bytes, stops the service
    /// with a message naming the setting, rather than signing cursors anyone could forge.
    /// </summary>
    private static byte[] CursorKey(IConfiguration configuration)
    {
        if (configuration["Paging:CursorKey"] is not { Length: > 0 } configured)
            return RandomNumberGenerator.GetBytes(MinimumCursorKeyBytes);
        var key = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured, key, out var length))
            throw new InvalidOperationException("Paging:CursorKey is not valid base64. Set it to a random key of at least 32 bytes, base64-encoded (for example `openssl rand -base64 32`).");
        if (length < MinimumCursorKeyBytes)
            throw new InvalidOperationException($"Paging:CursorKey is {length} bytes long; it must be at least {MinimumCursorKeyBytes} random bytes, base64-encoded (for example `openssl rand -base64 32`).");
        return key[..length];
    }

    /// <summary>
    /// Before serving: the database is brought to the latest migration (unless
    /// <c>Database:MigrateOnStart</c> is false, where a separate step migrates), and Development's
    /// demo workspace is seeded.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStart", true)) await app.MigrateDatabaseAsync();
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue("Demo:Seed", false)) return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoWorkspace>().SeedAsync();
    }

    /// <summary>Applies the pending migrations; safe when several instances start at once (they take turns).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    /// <summary>
    /// The HTTP pipeline, in order: the headers every response carries, problems for every failure,
    /// the body limit, the document, CORS (preflights answered before identity), identity, the routes.
    /// </summary>
    public static WebApplication UseWorkflowsPipeline(this WebApplication app)
    {
        app.UseMiddleware<ResponseHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseWorkflowsOpenApi();
        app.UseWorkflowsCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapWorkflowsHealthChecks();
        return app;
    }
}
