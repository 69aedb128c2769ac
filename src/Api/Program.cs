using Workflows.Api;
using Workflows.Api.Errors;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes);
builder.Services.AddApiServices(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseWorkflowsPipeline();
await app.RunAsync();

/// <summary>The entry point, visible to the functional tests' host.</summary>
public partial class Program;
