using Workflows.Api;
using Workflows.Api.Errors;
using Workflows.Api.Hosting;
using Workflows.Api.OpenApi;

// `--health-check [url]` asks a running instance whether it is ready (0) or not (1): the
// container's health check. Nothing is served.
if (HealthCheckCommand.Target(args) is { } healthTarget)
    return await HealthCheckCommand.RunAsync(healthTarget);

// `--openapi <file>` writes the OpenAPI document and exits; nothing is served or migrated.
if (OpenApiExport.TargetPath(args) is { } openApiTarget)
    return await OpenApiExport.RunAsync(openApiTarget);

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.WebHost.ConfigureKestrel(k =>
    {
        k.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
        k.AddServerHeader = false; // nothing tells a caller what serves the API
    });
    builder.Services.AddApiServices(builder.Configuration, builder.Environment);
    app = builder.Build();
    // Every setting is checked before anything connects: a bad one stops the start, named.
    StartupFailure.ValidateSettings(app.Services);
}
catch (Exception error) when (StartupFailure.Report(error))
{
    return 1;
}

// `--migrate` brings the database to the latest migration and exits: for deployments that
// migrate in a step of their own (see docker-compose.yml) rather than on each start.
if (args.Contains("--migrate"))
{
    await app.MigrateDatabaseAsync();
    return 0;
}
await app.InitializeDatabaseAsync();
app.UseWorkflowsPipeline();
// On SIGTERM the host stops gracefully (GracefulShutdown: readiness first, then the server) and
// RunAsync returns.
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' host.</summary>
public partial class Program;
