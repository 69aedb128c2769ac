using NJsonSchema;
using NSwag;

namespace Workflows.Api.OpenApi;

/// <summary>The headers of a 429: <c>Retry-After</c>, and the rate-limit fields every limited answer carries.</summary>
internal static class RateLimitHeaders
{
    public static void Describe(OpenApiResponse response)
    {
        response.Headers["Retry-After"] = Header(JsonObjectType.Integer,
            "Seconds until a request of this cost fits within the limits again.");
        response.Headers[Api.RateLimiting.RateLimitHeaders.PolicyHeader] = Header(JsonObjectType.String,
            "The quotas this request draws on (draft-ietf-httpapi-ratelimit-headers-10): " +
            "\"caller\";q=<permits>;w=60, and under a workspace \"workspace\";q=<permits>;w=60. A read takes one permit, a write more.");
        response.Headers[Api.RateLimiting.RateLimitHeaders.StateHeader] = Header(JsonObjectType.String,
            "The partition nearest its limit: \"<caller|workspace>\";r=<permits left>;t=<seconds until its whole quota is back>. " +
            "Sent on every answer of a limited route, not only on a 429.");
    }

    private static OpenApiHeader Header(JsonObjectType type, string description) => new()
    {
        Description = description,
        Schema = new JsonSchema { Type = type },
    };
}
