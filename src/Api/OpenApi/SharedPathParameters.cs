using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Workflows.Api.OpenApi;

/// <summary>
/// The route parameters that many operations take the same way, declared once under
/// components/parameters and referenced (<c>$ref</c>) from every operation that takes them:
/// <c>workspace_uuid</c> (every route under <c>/api/v2/w/{workspace_uuid}</c>) and
/// <c>workflow_id</c> (every route under <c>…/workflows/{workflow_id}</c>, the integer id or the
/// uuid). The declaration is the one NSwag writes for the first operation; should another operation
/// describe the parameter differently, the document is not written (one parameter, one meaning).
/// Runs after the operation processors that describe the parameters (<see cref="RouteParameterFormats"/>).
/// </summary>
public sealed class SharedPathParameters : IDocumentProcessor
{
    /// <summary>The shared route parameters: their name in the route, and in components/parameters.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["workspace_uuid"] = "WorkspaceUuid",
        ["workflow_id"] = "WorkflowId",
    };

    public void Process(DocumentProcessorContext context)
    {
        var shared = context.Document.Components.Parameters;
        foreach (var description in context.Document.Operations)
        {
            var parameters = description.Operation.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                if (parameter.Kind != OpenApiParameterKind.Path
                    || !Names.TryGetValue(parameter.Name, out var key)) continue;
                if (!shared.TryGetValue(key, out var declared)) shared[key] = declared = parameter;
                else if (Describe(declared) != Describe(parameter))
                {
                    throw new InvalidOperationException(
                        $"{description.Operation.OperationId} describes '{parameter.Name}' as {Describe(parameter)}, " +
                        $"other operations as {Describe(declared)}: a shared route parameter has one declaration.");
                }
                // Written as a plain $ref: NSwag's own Reference on a parameter points at the parameter's schema.
                parameters[i] = new OpenApiParameter
                {
                    ExtensionData = new Dictionary<string, object?> { ["$ref"] = $"#/components/parameters/{key}" },
                };
            }
        }
    }

    private static string Describe(OpenApiParameter parameter) =>
        $"{parameter.Description}|{parameter.IsRequired}|{parameter.Position}|{parameter.OriginalName}|{parameter.Schema?.ToJson()}";
}
