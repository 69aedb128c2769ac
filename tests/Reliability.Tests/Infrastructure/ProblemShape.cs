using System.Text.Json;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>Checks an error response the way the drills that send thousands of requests need: without stopping at the first.</summary>
public static class ProblemShape
{
    /// <summary>Null when the response is an RFC 9457 problem (content type, status, title, detail, traceId); else what is wrong.</summary>
    public static async Task<string?> DefectAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}, not application/problem+json";
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != (int)response.StatusCode)
                return $"problem 'status' does not say {(int)response.StatusCode}: {Excerpt(text)}";
            foreach (var field in new[] { "title", "detail", "traceId" })
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
                    return $"problem without '{field}': {Excerpt(text)}";
            }
            if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
                return $"problem shows internals: {Excerpt(text)}";
            return null;
        }
        catch (JsonException)
        {
            return $"problem body is not JSON: {Excerpt(text)}";
        }
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
