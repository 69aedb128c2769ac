using Microsoft.Extensions.Options;
using Workflows.Api.Errors;
using Workflows.Api.Health;
using Workflows.Api.Hosting;
using Workflows.Api.Http;
using Workflows.Api.Json;
using Workflows.Api.OpenApi;
using Workflows.Api.Pipeline;
using Workflows.Api.RateLimiting;
using Workflows.Api.Security;
using Workflows.Api.Telemetry;
using Workflows.Application;
using Workflows.Infrastructure;
using Workflows.Infrastructure.Data;
using Workflows.Infrastructure.Settings;

namespace Workflows.Api;

/// <summary>
/// The composition root. Each concern's setup lives beside its code: the mediator pipeline in
/// <c>Pipeline/</c>, authentication in <c>Security/</c>, MVC and JSON in <c>Json/</c>, problem
/// details in <c>Errors/</c>, health checks in <c>Health/</c>, the OpenAPI document in <c>OpenApi/</c>,
/// rate limits in <c>RateLimiting/</c>, traces and metrics in <c>Telemetry/</c>, the process's
/// start, shutdown and proxy in <c>Hosting/</c>.
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddApiServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // The cursor key is needed now, to register paging; its rules are PagingOptions', checked at start.
        var paging = configuration.GetSection(PagingOptions.Section).Get<PagingOptions>() ?? new PagingOptions();
        services.AddOptions<PagingOptions>()
            .Bind(configuration.GetSection(PagingOptions.Section))
            .Require(o => o.CursorKeyProblem())
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section)).ValidateOnStart();
        services.AddApplicationServices(paging.CursorKeyBytes());
        services.AddInfrastructureServices(configuration);
        services.AddMediatorPipeline();
        services.AddWorkflowsAuthentication(configuration, environment);
        services.AddWorkflowsControllers();
        services.AddWorkflowsProblemDetails();
        services.AddWorkflowsHealthChecks();
        services.AddWorkflowsOpenApi(configuration);
        services.AddWorkflowsCors(configuration);
        services.AddWorkflowsRateLimiting();
        services.AddGracefulShutdown(configuration);
        services.AddWorkflowsProxy(configuration);
        services.AddWorkflowsTelemetry(configuration);
        return services;
    }

    /// <summary>
    /// Before serving: the database is brought to the latest migration (unless
    /// <c>Database:MigrateOnStart</c> is false, where a separate step migrates), and Development's
    /// demo workspace is seeded.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart) await app.MigrateDatabaseAsync();
        if (!app.Environment.IsDevelopment() || !app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed) return;
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
    /// The HTTP pipeline, in order: the client's address and scheme from a known proxy (and, in
    /// Production, HSTS and the redirection to https), the headers every response carries, problems
    /// for every failure, the body limit, the document, CORS (preflights answered before identity),
    /// identity, the rate limits (after identity, since callers are limited by their token; before
    /// authorization, so that requests without a valid token are limited too), authorization, the routes.
    /// </summary>
    public static WebApplication UseWorkflowsPipeline(this WebApplication app)
    {
        app.UseWorkflowsProxy();
        app.UseMiddleware<ResponseHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseWorkflowsOpenApi();
        app.UseWorkflowsCors();
        app.UseAuthentication();
        app.UseWorkflowsRateLimiting();
        app.UseAuthorization();
        app.MapControllers();
        app.MapWorkflowsHealthChecks();
        return app;
    }
}

/// <summary>The <c>Demo</c> settings.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo workspace at start (Development only).</summary>
    public bool Seed { get; set; }
}
