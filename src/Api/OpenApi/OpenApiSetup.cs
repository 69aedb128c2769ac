using Microsoft.Extensions.Options;
using NJsonSchema.Generation;
using Workflows.Api.Json;
using Workflows.Application.Workflows.Commands.CreateWorkflow;

namespace Workflows.Api.OpenApi;

public static class OpenApiSetup
{
    /// <summary>The OpenAPI document: operation ids, descriptions, problems, security and body schemas.</summary>
    public static IServiceCollection AddWorkflowsOpenApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenApiSettings>().Bind(configuration.GetSection(OpenApiSettings.Section)).ValidateOnStart();
        services.AddOpenApiDocument((settings, _) =>
        {
            settings.DocumentName = OpenApiExport.DocumentName;
            settings.Title = "Workflows API";
            settings.Version = "v2";
            settings.Description = "Create, read, update, archive, clone, preview the deletion of and delete the workflows of a workspace, " +
                "with their tasks; and the members, templates, assignments, phone numbers and inboxes around them. " +
                "Every error is an RFC 9457 problem (application/problem+json) with a stable 'code' and a 'traceId'.";
            settings.UseRouteNameAsOperationId = true; // Name = "Workflows_Delete" on the HTTP attributes
            settings.SchemaSettings = new SystemTextJsonSchemaGeneratorSettings
            {
                SchemaType = NJsonSchema.SchemaType.OpenApi3,
                SerializerOptions = JsonSetup.Defaults(),
            };
            foreach (var mapper in OptionalTypeMapper.For(typeof(CreateWorkflowCommand).Assembly))
                settings.SchemaSettings.TypeMappers.Add(mapper);
            settings.SchemaSettings.TypeMappers.Add(new NJsonSchema.Generation.TypeMappers.PrimitiveTypeMapper(typeof(Guid), s =>
            {
                s.Type = NJsonSchema.JsonObjectType.String;
                s.Format = "uuid"; // the registered OpenAPI format; NJsonSchema's own name is "guid"
            }));
            settings.SchemaSettings.SchemaProcessors.Add(new BodySchemas());
            settings.SchemaSettings.SchemaProcessors.Add(new AccessLevelSchema());
            settings.SchemaSettings.SchemaProcessors.Add(new ValidationLimits.SchemaProcessor());
            settings.OperationProcessors.Add(new Descriptions());
            settings.OperationProcessors.Add(new IdempotencyKeyHeader());
            settings.OperationProcessors.Add(new RouteParameterFormats());
            settings.OperationProcessors.Add(new ValidationLimits.QueryParameters());
            settings.OperationProcessors.Add(new ProblemResponses());
            settings.OperationProcessors.Add(new HeaderDeclarations());
            settings.OperationProcessors.Add(new AzureAdSecurity.OperationProcessor());
            settings.DocumentProcessors.Add(new AzureAdSecurity.DocumentProcessor());
            settings.DocumentProcessors.Add(new NullableSchemas());
            settings.DocumentProcessors.Add(new SharedPathParameters());
            settings.DocumentProcessors.Add(new ContractDocument());
        });
        return services;
    }

    /// <summary>The document at <c>/openapi/v2.json</c> and Swagger UI at <c>/swagger</c>: in Development, elsewhere only with <c>OpenApi:Enabled</c>.</summary>
    public static WebApplication UseWorkflowsOpenApi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<IOptions<OpenApiSettings>>().Value.Enabled) return app;
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
        return app;
    }
}

/// <summary>The <c>OpenApi</c> settings (a value that is not a boolean stops the start, naming the key).</summary>
public sealed class OpenApiSettings
{
    public const string Section = "OpenApi";

    /// <summary>Serve the document and Swagger UI outside Development.</summary>
    public bool Enabled { get; set; }

    /// <summary>The app registration Swagger UI signs in with; by default <c>AzureAd:ClientId</c>.</summary>
    public string? ClientId { get; set; }
}
