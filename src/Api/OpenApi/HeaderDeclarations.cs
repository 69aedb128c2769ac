using System.Reflection;
using Microsoft.AspNetCore.RateLimiting;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Workflows.Api.Http;
using Workflows.Api.Idempotency;
using Limits = Workflows.Api.RateLimiting.RateLimitHeaders;

namespace Workflows.Api.OpenApi;

/// <summary>
/// The headers the service sends and reads, declared where they apply so that generated clients
/// expose them. Each comes from what the action itself carries: <see cref="VersionedAttribute"/>
/// (ETag on its 200/201; If-None-Match and 304 on a GET), an <c>If-Match</c> header parameter
/// (bound by the action), <see cref="IdempotentAttribute"/> (Idempotency-Key, and
/// Idempotent-Replayed on its 200/201), the absence of <see cref="DisableRateLimitingAttribute"/>
/// (RateLimit-Policy and RateLimit on every response), and the status: Location on every 201,
/// Retry-After on 429 and 503. Response headers are declared once under components/headers (as the
/// first operation that sends each needs it) and referenced, to keep the document small. Runs after <see cref="ProblemResponses"/>, which adds
/// the error responses these headers also go on.
/// </summary>
public sealed class HeaderDeclarations : IOperationProcessor
{
    public const string Location = "Location";
    public const string RetryAfter = "Retry-After";

    /// <summary>The response headers, as components/headers declares them.</summary>
    public static Dictionary<string, OpenApiHeader> Components() => new()
    {
        [VersionedAttribute.ETagHeader] = Header(
            "The resource's version (a strong, quoted entity tag). Send it back as If-Match on a write to refuse (412) " +
            "overwriting a change not seen, or as If-None-Match on a GET to get 304 when nothing changed."),
        [Location] = Header("The address of the resource just created (its GET)."),
        [RetryAfter] = Header("Seconds to wait before retrying.", JsonObjectType.Integer),
        [IdempotentAttribute.ReplayedHeader] = Header(
            "\"true\" when this answer is the replay of an earlier request with the same Idempotency-Key; absent otherwise."),
        [Limits.PolicyHeader] = Header(
            "The quotas this request draws on (draft-ietf-httpapi-ratelimit-headers-10): " +
            "\"caller\";q=<permits>;w=60, and under a workspace \"workspace\";q=<permits>;w=60. A read takes one permit, a write more."),
        [Limits.StateHeader] = Header(
            "The partition nearest its limit: \"<caller|workspace>\";r=<permits left>;t=<seconds until its whole quota is back>. " +
            "Sent on every answer of a limited route, not only on a 429."),
    };

    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        var isGet = context.OperationDescription.Method == OpenApiOperationMethod.Get;
        var versioned = context.MethodInfo.GetCustomAttribute<VersionedAttribute>() is not null;
        var idempotent = context.MethodInfo.GetCustomAttribute<IdempotentAttribute>() is not null;
        var limited = context.MethodInfo.GetCustomAttribute<DisableRateLimitingAttribute>() is null
            && context.MethodInfo.DeclaringType?.GetCustomAttribute<DisableRateLimitingAttribute>() is null;

        if (versioned && isGet)
        {
            if (!operation.Parameters.Any(p => p.Kind == OpenApiParameterKind.Header && p.Name == VersionedAttribute.IfNoneMatchHeader))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = VersionedAttribute.IfNoneMatchHeader,
                    OriginalName = "ifNoneMatch", // the generated clients' argument, as ifMatch
                    Kind = OpenApiParameterKind.Header,
                    IsRequired = false,
                    Description = "The ETag of the copy the caller holds (optional): while it is still current the answer is 304 without a body.",
                    Schema = new JsonSchema { Type = JsonObjectType.String },
                });
            }
            if (!operation.Responses.TryGetValue("304", out var notModified))
                operation.Responses["304"] = notModified = new OpenApiResponse();
            if (string.IsNullOrWhiteSpace(notModified.Description))
                notModified.Description = "Not Modified: the ETag sent in If-None-Match is still current.";
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (versioned && status is "200" or "201" or "304") Add(context, response, VersionedAttribute.ETagHeader);
            if (status == "201") Add(context, response, Location);
            if (idempotent && status is "200" or "201") Add(context, response, IdempotentAttribute.ReplayedHeader);
            if (status is "429" or "503") Add(context, response, RetryAfter);
            if (limited)
            {
                Add(context, response, Limits.PolicyHeader);
                Add(context, response, Limits.StateHeader);
            }
        }
        return true;
    }

    private static void Add(OperationProcessorContext context, OpenApiResponse response, string name)
    {
        var shared = context.Document.Components.Headers;
        if (!shared.ContainsKey(name)) shared[name] = Components()[name];
        // Written as a plain $ref: NSwag's own Reference on a header points at the header's schema.
        response.Headers[name] = new OpenApiHeader
        {
            ExtensionData = new Dictionary<string, object?> { ["$ref"] = $"#/components/headers/{name}" },
        };
    }

    private static OpenApiHeader Header(string description, JsonObjectType type = JsonObjectType.String) => new()
    {
        Description = description,
        Schema = new JsonSchema { Type = type },
    };
}
