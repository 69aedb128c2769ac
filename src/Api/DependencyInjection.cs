using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Workflows.Api.Errors;
using Workflows.Api.Json;
using Workflows.Api.OpenApi;
using Workflows.Api.Security;
using Workflows.Application;
using Workflows.Application.Common.Behaviours;
using Workflows.Application.Workflows.Commands.CreateWorkflow;
using Workflows.Infrastructure;
using Workflows.Infrastructure.Data;

namespace Workflows.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApiServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddApplicationServices(CursorKey(configuration));
        services.AddInfrastructureServices(configuration);
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CreateWorkflowCommand)];
            // Validation first (bad input never reaches a query), then the gates of scope, membership
            // and role; then the transaction of a [Transactional] request, inside which authority on
            // the workflow is checked and the handler runs. docs/architecture.md has the order's reasons.
            options.PipelineBehaviors =
            [
                typeof(ValidationBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
                typeof(WorkflowAuthorityBehaviour<,>),
            ];
        });

        services.AddWorkflowsAuthentication(configuration, environment);

        // FluentValidation (in the mediator pipeline) is the one validator; MVC only binds.
        services.AddControllers(o =>
            {
                o.ModelValidatorProviders.Clear();
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddJsonOptions(o => ConfigureJson(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = InvalidModelState.Respond);
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => o.AllowInputFormatterExceptionMessages = false);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
            if (!problem.Extensions.ContainsKey("code") && problem.Status is { } status)
            {
                var (code, detail) = Problems.ForStatus(status);
                problem.Extensions["code"] = code;
                problem.Detail ??= detail;
                problem.Title = Problems.Title(status);
            }
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        // Ready means the database answers a query. The default check (CanConnect) runs none on
        // SQLite: it only finds the file, which is there whether or not queries can run.
        services.AddHealthChecks()
            .AddDbContextCheck<WorkflowsDbContext>("database", tags: ["ready"], customTestQuery: async (db, ct) =>
            {
                await db.Workspaces.AnyAsync(ct);
                return true;
            });

        services.AddWorkflowsOpenApi();
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new OptionalJsonConverterFactory());
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <summary>Serializer options exactly as the service reads and writes bodies.</summary>
    public static JsonSerializerOptions JsonDefaults()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureJson(options);
        return options;
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

    public static WebApplication UseWorkflowsPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();

        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("OpenApi:Enabled"))
        {
            app.UseOpenApi(o =>
            {
                o.Path = "/openapi/{documentName}.json";
                o.PostProcess = (document, _) => AzureAdSecurity.ForConfiguredTenant(document, app.Configuration);
            });
            app.UseSwaggerUi(o =>
            {
                o.Path = "/swagger";
                o.DocumentPath = "/openapi/{documentName}.json";
                o.DocumentTitle = "Workflows API";
                o.DocExpansion = "list"; // every operation in view, each under its tag
                o.AdditionalSettings["displayOperationId"] = true; // the id names the generated clients' methods
                AzureAdSecurity.ConfigureSwaggerUi(o, app.Configuration);
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
