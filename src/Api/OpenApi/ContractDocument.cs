using NJsonSchema;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Workflows.Api.OpenApi;

/// <summary>
/// The finishing touches that make the document a stable contract: the problem schemas as the
/// service writes them (with <c>code</c>, <c>traceId</c> and <c>errors</c>), tags in a fixed order,
/// and everything else sorted, so that a diff of the checked-in document shows only real changes.
/// </summary>
public sealed class ContractDocument : IDocumentProcessor
{
    /// <summary>The order in which tags (and so Swagger UI's sections) appear.</summary>
    public static readonly string[] TagOrder = ["Workspaces", "Members", "Workflows", "Tasks", "Templates", "Assignments", "PhoneNumbers", "Inboxes"];

    private static readonly string[] MethodOrder = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public void Process(DocumentProcessorContext context)
    {
        var document = context.Document;
        document.Generator = null; // names the generator's version: noise in every upgrade's diff
        DescribeProblems(document.Components.Schemas);

        var tags = document.Tags.ToDictionary(t => t.Name);
        document.Tags = TagOrder.Where(tags.ContainsKey).Select(t => tags[t])
            .Concat(tags.Values.Where(t => !TagOrder.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal))
            .ToList();

        Reorder(document.Paths, p => p.Key, StringComparer.Ordinal);
        foreach (var pathItem in document.Paths.Values)
        {
            Reorder(pathItem, o => Array.IndexOf(MethodOrder, o.Key.ToLowerInvariant()), Comparer<int>.Default);
            foreach (var operation in pathItem.Values)
                Reorder(operation.Responses, r => r.Key, StringComparer.Ordinal);
        }
        Reorder(document.Components.Schemas, s => s.Key, StringComparer.Ordinal);
    }

    private static void DescribeProblems(IDictionary<string, JsonSchema> schemas)
    {
        var problem = schemas["ProblemDetails"];
        problem.Description = "An RFC 9457 problem: every error the service answers (application/problem+json).";
        problem.Properties["code"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.String,
            Description = "A stable, machine-readable reason, e.g. workflow_has_tasks, workflow_name_conflict, validation_failed, not_found.",
        };
        problem.Properties["traceId"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.String,
            Description = "The request's W3C trace id (32 lowercase hex digits): its trace in the service's traces and the TraceId of its log lines; quote it when reporting a problem.",
        };
        foreach (var name in new[] { "title", "status", "detail", "code", "traceId" })
        {
            problem.Properties[name].IsRequired = true;
            problem.Properties[name].IsNullableRaw = null;
        }

        // ValidationProblemDetails derives from HttpValidationProblemDetails, which adds nothing a
        // client needs to tell apart: describe it as a problem with 'errors'.
        var validation = schemas["ValidationProblemDetails"];
        validation.Description = "A problem whose 'errors' name the fields that are not valid (400).";
        validation.AllOf.Clear();
        validation.AllOf.Add(new JsonSchema { Reference = problem });
        validation.AllOf.Add(new JsonSchema
        {
            Type = JsonObjectType.Object,
            Properties =
            {
                ["errors"] = new JsonSchemaProperty
                {
                    Type = JsonObjectType.Object,
                    Description = "The messages for each field that is not valid, keyed by its JSON path (e.g. name, memberRoleAccess[0].role).",
                    AdditionalPropertiesSchema = new JsonSchema { Type = JsonObjectType.Array, Item = new JsonSchema { Type = JsonObjectType.String } },
                },
            },
        });
        schemas.Remove("HttpValidationProblemDetails");
    }

    private static void Reorder<TValue, TKey>(IDictionary<string, TValue> dictionary, Func<KeyValuePair<string, TValue>, TKey> key, IComparer<TKey> comparer)
    {
        var sorted = dictionary.OrderBy(key, comparer).ToList();
        dictionary.Clear();
        foreach (var (k, v) in sorted) dictionary[k] = v;
    }
}
