using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Workflows.Api.Idempotency;

namespace Workflows.Api.OpenApi;

/// <summary>
/// Every status code an operation can answer, each with its schema: what the pipeline answers for
/// every request (401, 403, 400 for a value that does not bind, 429, 500, 503), what routes under a
/// workspace add (404), writes (409 on a lost race), If-Match (412), any body over the limit (413)
/// and request bodies (415).
/// Error responses are <c>application/problem+json</c>. Descriptions written on an action
/// (<c>&lt;response code="..."&gt;</c>) win over the defaults here.
/// </summary>
public sealed class ProblemResponses : IOperationProcessor
{
    public const string ProblemMediaType = "application/problem+json";

    private static readonly Dictionary<string, string> DefaultDescriptions = new()
    {
        ["200"] = "Success.",
        ["201"] = "Created.",
        ["304"] = "Not Modified: the ETag sent in If-None-Match is still current.",
        ["400"] = "Bad Request: a body, parameter or value the operation does not accept; 'errors' names the fields.",
        ["401"] = "Unauthorized: no bearer token, or one that is not valid.",
        ["403"] = "Forbidden: the token lacks the scope this operation needs, or the caller lacks the authority.",
        ["404"] = "Not Found: no such workspace, the caller is not a member of it, or nothing with this id in it.",
        ["409"] = "Conflict: the request conflicts with the current state (code says which), or lost a race with another write (concurrent_update).",
        ["412"] = "Precondition Failed: If-Match names an ETag the resource no longer has.",
        ["413"] = "Content Too Large: the request body is larger than 1 MiB (refused on every operation, even one that reads no body).",
        ["415"] = "Unsupported Media Type: send the body as application/json.",
        ["422"] = "Unprocessable Content: this Idempotency-Key was used for a different request (idempotency_key_reused).",
        ["429"] = "Too Many Requests: the caller or the workspace has used its rate limit (rate_limited); retry after the Retry-After seconds. " +
            "Every answer carries RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers-10) to pace by.",
        ["500"] = "Internal Server Error: quote the traceId when you report it.",
        ["503"] = "Service Unavailable: the database does not answer; retry after the Retry-After seconds.",
    };

    private static readonly Dictionary<string, string> DefaultParameterDescriptions = new()
    {
        ["workspace_uuid"] = "The uuid of the workspace.",
        ["workflow_id"] = "The workflow: its integer id or its uuid.",
        ["task_id"] = "The id of the task.",
        ["member_id"] = "The id of the member.",
        ["template_uuid"] = "The uuid of the template: a built-in one or one of this workspace.",
        ["assignment_id"] = "The id of the assignment.",
        ["phone_number_id"] = "The id of the phone number.",
        ["inbox_id"] = "The id of the inbox.",
        ["limit"] = "Page size, 1 to 200 (default 50).",
        ["cursor"] = "The nextCursor of the previous page; leave out for the first page.",
        ["If-Match"] = "The ETag the resource must still have (optional). A stale one is answered with 412 and changes nothing.",
    };

    public bool Process(OperationProcessorContext context)
    {
        var description = context.OperationDescription;
        var operation = description.Operation;

        var statuses = new List<int> { 400, 401, 403, 429, 500, 503 };
        if (description.Path.Contains("{workspace_uuid}", StringComparison.Ordinal)) statuses.Add(404);
        if (description.Method != OpenApiOperationMethod.Get) statuses.Add(409);
        if (operation.Parameters.Any(p => p.Kind == OpenApiParameterKind.Header && p.Name == "If-Match")) statuses.Add(412);
        statuses.Add(413); // the body limit holds on every route, whether or not the operation reads a body
        if (operation.RequestBody is not null) statuses.Add(415);
        if (operation.Parameters.Any(p => p.Kind == OpenApiParameterKind.Header && p.Name == IdempotentAttribute.Header)) statuses.Add(422);

        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var response))
                operation.Responses[key] = response = new OpenApiResponse();
            // A value that fails to bind is a validation problem wherever a 400 comes from.
            var schemaType = status == 400 ? typeof(ValidationProblemDetails) : typeof(ProblemDetails);
            response.Content.Clear();
            response.Content[ProblemMediaType] = new OpenApiMediaType
            {
                Schema = context.SchemaGenerator.GenerateWithReferenceAndNullability<JsonSchema>(
                    schemaType.ToContextualType(), false, context.SchemaResolver),
            };
        }

        foreach (var (key, response) in operation.Responses)
        {
            if (string.IsNullOrWhiteSpace(response.Description) && DefaultDescriptions.TryGetValue(key, out var text))
                response.Description = text;
        }

        foreach (var parameter in operation.Parameters)
        {
            if (string.IsNullOrWhiteSpace(parameter.Description) && DefaultParameterDescriptions.TryGetValue(parameter.Name, out var text))
                parameter.Description = text;
            if (parameter.Kind is OpenApiParameterKind.Query or OpenApiParameterKind.Header)
                Unwrap(parameter);
        }
        return true;
    }

    /// <summary>
    /// A query or header value is sent or left out, never null: describe it by its plain type
    /// (<c>boolean</c>, the enum itself) rather than as nullable.
    /// </summary>
    private static void Unwrap(OpenApiParameter parameter)
    {
        var schema = parameter.Schema;
        if (schema is null) return;
        schema.IsNullableRaw = null;
        if (schema.OneOf.Count == 1 && schema.OneOf.First() is { HasReference: true } only && schema.Type == JsonObjectType.None)
        {
            parameter.Schema = new JsonSchema { Reference = only.ActualSchema };
        }
    }
}
