using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Workflows.Application.Common.Audit;
using Workflows.Domain.Common;

namespace Workflows.Api.OpenApi;

/// <summary>
/// The finishing touches that make the document a stable contract: the problem schemas as the
/// service writes them (with <c>code</c>, <c>traceId</c> and <c>errors</c>, and every code listed),
/// the server, contact and license, examples of the main bodies, tags in a fixed order, and
/// everything else sorted, so that a diff of the checked-in document shows only real changes.
/// </summary>
public sealed class ContractDocument : IDocumentProcessor
{
    /// <summary>The order in which tags (and so Swagger UI's sections) appear.</summary>
    public static readonly string[] TagOrder = ["Workspaces", "Members", "Workflows", "Tasks", "Templates", "Assignments", "PhoneNumbers", "Inboxes", "AuditLog"];

    private static readonly string[] MethodOrder = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public void Process(DocumentProcessorContext context)
    {
        var document = context.Document;
        document.Generator = null; // names the generator's version: noise in every upgrade's diff
        // Relative: the API is at the root of the host that serves this document. The generated
        // clients take their base URL from their caller (the C# client its HttpClient's
        // BaseAddress, the TypeScript client its constructor's baseUrl).
        document.Servers.Clear();
        document.Servers.Add(new OpenApiServer { Url = "/", Description = "The host that serves this document." });
        document.Info.Contact = new OpenApiContact { Name = "Workflows API team" };
        document.Info.License = new OpenApiLicense { Name = "MIT", Url = "https://opensource.org/licenses/MIT" }; // as LICENSE and both client packages
        DescribeProblems(document.Components.Schemas);
        AddExamples(document.Components.Schemas);
        DescribeAuditLog(document);

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
            Description = "A stable, machine-readable reason: one of x-extensible-enum (each with its status in x-error-codes). " +
                "The list may grow, so a client treats a code it does not know by the problem's status.",
            ExtensionData = new Dictionary<string, object?>
            {
                // An open list rather than an enum: a generated client must still read a code added later.
                ["x-extensible-enum"] = ErrorCodes.All.Select(e => e.Code).ToArray(),
                ["x-error-codes"] = ErrorCodes.All.Select(e => new Dictionary<string, object> { ["code"] = e.Code, ["status"] = e.Status }).ToArray(),
            },
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

    /// <summary>
    /// The audit log's actions and target types, as open lists (like the problem codes: a new
    /// action is not a breaking change), on the entry's fields and on the list's filters.
    /// </summary>
    private static void DescribeAuditLog(OpenApiDocument document)
    {
        var actions = AuditActions.All.Select(a => a.Name).ToArray();
        var types = AuditActions.TargetTypes.ToArray();
        document.Components.Schemas["AuditEntryResponse"].Properties["action"].ExtensionData = new Dictionary<string, object?> { ["x-extensible-enum"] = actions };
        document.Components.Schemas["AuditTargetResponse"].Properties["type"].ExtensionData = new Dictionary<string, object?> { ["x-extensible-enum"] = types };
        foreach (var operation in document.Operations.Where(o => o.Operation.OperationId == "AuditLog_List"))
        {
            foreach (var parameter in operation.Operation.Parameters)
            {
                var values = parameter.Name switch { "action" => actions, "targetType" => types, _ => null };
                if (values is not null) parameter.Schema.ExtensionData = new Dictionary<string, object?> { ["x-extensible-enum"] = values };
            }
        }
    }

    /// <summary>Examples of the main request bodies and of a problem (each is checked against its schema by the lint).</summary>
    private static void AddExamples(IDictionary<string, JsonSchema> schemas)
    {
        schemas["CreateWorkflowRequest"].Example = JToken.Parse("""
            { "name": "Refund request", "description": "Refunds under 500 EUR", "agentId": 7,
              "memberRoleAccess": [ { "role": "member", "access": "use" }, { "role": "guest", "access": "use" } ] }
            """);
        schemas["UpdateWorkflowRequest"].Example = JToken.Parse("""{ "name": "Refund request (EU)", "startTaskId": 12, "description": null }""");
        schemas["AddMemberRequest"].Example = JToken.Parse("""
            { "kind": "person", "displayName": "Bob", "objectId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "role": "member" }
            """);
        schemas["UpdateMemberRequest"].Example = JToken.Parse("""{ "role": "admin" }""");
        schemas["ProblemDetails"].Example = JToken.Parse("""
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.10", "title": "Conflict", "status": 409,
              "detail": "A workflow named 'Refund request' already exists in this workspace (names are compared case-insensitively, archived workflows included).",
              "code": "workflow_name_conflict", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736" }
            """);
        schemas["ValidationProblemDetails"].Example = JToken.Parse("""
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Bad Request", "status": 400,
              "detail": "One or more fields are invalid. See 'errors'.", "code": "validation_failed", "traceId": "0af7651916cd43dd8448eb211c80319c",
              "errors": { "name": [ "'name' is required." ] } }
            """);
    }

    private static void Reorder<TValue, TKey>(IDictionary<string, TValue> dictionary, Func<KeyValuePair<string, TValue>, TKey> key, IComparer<TKey> comparer)
    {
        var sorted = dictionary.OrderBy(key, comparer).ToList();
        dictionary.Clear();
        foreach (var (k, v) in sorted) dictionary[k] = v;
    }
}
