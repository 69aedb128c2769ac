using System.Text.Json;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// An operation's parameters as the document declares them: inline, or as a <c>$ref</c> to
/// components/parameters (the route parameters shared by many operations), resolved.
/// </summary>
public static class OpenApiParameters
{
    public static List<JsonElement> Of(JsonElement document, JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? [.. parameters.EnumerateArray().Select(p => p.TryGetProperty("$ref", out var reference) ? Resolve(document, reference.GetString()!) : p)]
            : [];

    private static JsonElement Resolve(JsonElement document, string reference)
    {
        const string prefix = "#/components/parameters/";
        Assert.That(reference, Does.StartWith(prefix), "a parameter refers to components/parameters");
        Assert.That(document.GetProperty("components").GetProperty("parameters").TryGetProperty(reference[prefix.Length..], out var parameter), Is.True,
            $"{reference} is declared");
        return parameter;
    }
}
