using System.Security.Cryptography;
using Workflows.Api.Errors;
using Workflows.Api.Health;
using Workflows.Api.Json;
using Workflows.Api.OpenApi;
using Workflows.Api.Pipeline;
using Workflows.Api.Security;
using Workflows.Application;
using Workflows.Infrastructure;
using Workflows.Infrastructure.Data;

namespace Workflows.Api;

/// <summary>
/// The composition root. Each concern's setup lives beside its code: the mediator pipeline in
/// <c>Pipeline/</c>, authentication in <c>Security/</c>, MVC and JSON in <c>Json/</c>, problem
/// details in <c>Errors/</c>, health checks in <c>Health/</c>, the OpenAPI document in <c>OpenApi/</c>.
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
        return services;
    }

    /// <summary>The key that signs paging cursors; configure one (base64) when several instances serve one database.</summary>
    private static byte[] CursorKey(IConfiguration configuration) =>
        configuration["Paging:CursorKey"] is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : RandomNumberGenerator.GetBytes(32);

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", false))
            await scope.ServiceProvider.GetRequiredService<DemoWorkspace>().SeedAsync();
    }

    /// <summary>The HTTP pipeline, in order: problems for every failure, the body limit, the document, identity, the routes.</summary>
    public static WebApplication UseWorkflowsPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseWorkflowsOpenApi();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapWorkflowsHealthChecks();
        return app;
    }
}
