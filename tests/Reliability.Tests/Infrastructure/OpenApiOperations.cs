using System.Globalization;
using System.Text.Json.Nodes;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>A parameter of an operation: its name, where it goes (path, query, header) and its schema (references resolved).</summary>
public sealed record OpenApiParameter(string Name, string In, JsonObject Schema, bool Required);

/// <summary>An operation of the OpenAPI document, as the fuzzer needs it.</summary>
public sealed record OpenApiOperation(
    string Method,
    string Path,
    IReadOnlyList<OpenApiParameter> Parameters,
    JsonObject? BodySchema,
    IReadOnlySet<int> Statuses)
{
    public string Name => $"{Method} {Path}";

    public override string ToString() => Name;
}

/// <summary>Reads every operation out of an OpenAPI 3 document, resolving <c>$ref</c> (and single-entry <c>oneOf</c>/<c>allOf</c>) as it goes.</summary>
public sealed class OpenApiDocument
{
    private readonly JsonObject _document;

    private OpenApiDocument(JsonObject document)
    {
        _document = document;
        Operations = ReadOperations().ToList();
    }

    public IReadOnlyList<OpenApiOperation> Operations { get; }

    public static OpenApiDocument Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>The schema itself when it is not a reference or a wrapper; what it refers to (or wraps) otherwise.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                var node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                    .Aggregate((JsonNode)_document, (n, part) => n[part] ?? throw new InvalidOperationException($"Unresolved {reference}"));
                schema = node.AsObject();
            }
            else if ((schema["oneOf"] ?? schema["allOf"] ?? schema["anyOf"]) is JsonArray { Count: 1 } wrapped && schema["properties"] is null)
            {
                schema = wrapped[0]!.AsObject();
            }
            else
            {
                return schema;
            }
        }
        throw new InvalidOperationException("A schema refers to itself.");
    }

    private IEnumerable<OpenApiOperation> ReadOperations()
    {
        foreach (var (path, item) in _document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var parameters = (operation["parameters"] as JsonArray ?? [])
                    .Select(p => Resolve(p!.AsObject())) // a shared route parameter is a $ref to components/parameters
                    .Select(p => new OpenApiParameter(
                        p["name"]!.GetValue<string>(),
                        p["in"]!.GetValue<string>(),
                        Resolve(p["schema"]?.AsObject() ?? []),
                        p["required"]?.GetValue<bool>() ?? false))
                    .ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema ? Resolve(schema) : null;
                var statuses = operation["responses"]!.AsObject()
                    .Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture))
                    .ToHashSet();
                yield return new OpenApiOperation(method.ToUpperInvariant(), path, parameters, body, statuses);
            }
        }
    }
}
