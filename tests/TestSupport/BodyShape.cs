using System.Text.Json;

namespace Workflows.TestSupport;

/// <summary>The raw JSON of a response, to check exactly which properties a body carries and how it spells them.</summary>
public static class BodyShape
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AssertionException($"Expected a JSON body ({(int)response.StatusCode}), got: {text}", e);
        }
    }

    /// <summary>The names of an object's properties, in the order the service wrote them.</summary>
    public static string[] PropertiesOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Select(p => p.Name).ToArray()
            : throw new AssertionException($"Expected a JSON object, got {element.ValueKind}: {element}");
}
