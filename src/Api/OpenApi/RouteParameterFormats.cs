using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Workflows.Api.Routing;

namespace Workflows.Api.OpenApi;

/// <summary>
/// States in the contract the one spelling <see cref="RouteIds"/> accepts for a route parameter:
/// an integer id is at least 1, a uuid matches the 8-4-4-4-12 form, and the parameter that takes
/// either says which strings it takes. Anything else is answered 404.
/// </summary>
public sealed class RouteParameterFormats : IOperationProcessor
{
    public const string UuidPattern = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";
    public const string IdOrUuidPattern =
        "^([1-9][0-9]{0,18}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$";

    public bool Process(OperationProcessorContext context)
    {
        foreach (var parameter in context.OperationDescription.Operation.Parameters)
        {
            if (parameter.Kind != OpenApiParameterKind.Path || parameter.Schema is not { } schema) continue;
            if (schema.Type == JsonObjectType.Integer) schema.Minimum = 1;
            else if (schema.Type == JsonObjectType.String)
                schema.Pattern = schema.Format is "uuid" or "guid" ? UuidPattern : IdOrUuidPattern;
        }
        return true;
    }
}
