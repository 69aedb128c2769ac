using Workflows.Api;
using Workflows.Api.Errors;
using Workflows.Api.OpenApi;

// `--openapi <file>` writes the OpenAPI document and exits; nothing is served or migrated.
if (OpenApiExport.TargetPath(args) is { } openApiTarget)
    return await OpenApiExport.RunAsync(openApiTarget);

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
    k.AddServerHeader = false; // nothing tells a caller what serves the API
});
builder.Services.AddApiServices(builder.Configuration, builder.Environment);

var app = builder.Build();
// `--migrate` brings the database to the latest migration and exits: for deployments that
// migrate in a step of their own (see docker-compose.yml) rather than on each start.
if (args.Contains("--migrate"))
{
    await app.MigrateDatabaseAsync();
    return 0;
}
await app.InitializeDatabaseAsync();
app.UseWorkflowsPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' host.</summary>
public partial class Program;
