using System.Text.Json.Nodes;
using NJsonSchema;
using NSwag;

namespace Workflows.TestSupport.Contract;

/// <summary>
/// The checked-in <c>openapi/workflows.v2.json</c>, parsed once per process, with each operation's
/// path template, parameters, request body and responses ready to check an exchange against.
/// </summary>
public sealed class ContractDocument
{
    private static readonly Lazy<ContractDocument> Shared = new(() => Load(FindDocument()));

    private ContractDocument(IReadOnlyList<ContractOperation> operations, JsonSchema problem)
    {
        Operations = operations;
        Problem = problem;
    }

    /// <summary>The document of this repository, loaded on first use.</summary>
    public static ContractDocument Current => Shared.Value;

    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>The <c>ProblemDetails</c> schema, for answers to requests outside the document.</summary>
    public JsonSchema Problem { get; }

    public static ContractDocument Load(string path)
    {
        var document = OpenApiDocument.FromFileAsync(path).GetAwaiter().GetResult();
        var raw = JsonNode.Parse(File.ReadAllText(path))!;
        var operations = new List<ContractOperation>();
        foreach (var (template, item) in document.Paths)
        {
            foreach (var (method, operation) in item)
            {
                var rawResponses = raw["paths"]![template]![method]!["responses"]!.AsObject();
                operations.Add(new ContractOperation(method.ToUpperInvariant(), template, operation, rawResponses, raw));
            }
        }
        return new ContractDocument(operations, document.Components.Schemas["ProblemDetails"]);
    }

    private static string FindDocument()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "openapi", "workflows.v2.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("openapi/workflows.v2.json was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One documented operation (method and path template).</summary>
public sealed class ContractOperation
{
    internal ContractOperation(string method, string template, OpenApiOperation operation, JsonObject rawResponses, JsonNode raw)
    {
        Method = method;
        Template = template;
        Id = operation.OperationId ?? $"{method} {template}";
        Segments = template.Trim('/').Split('/');
        LiteralCount = Segments.Count(s => !s.StartsWith('{'));
        Parameters = operation.ActualParameters
            .Select(p => p.ActualParameter)
            .Where(p => p.Kind != OpenApiParameterKind.Body)
            .ToList();
        var body = operation.ActualRequestBody;
        if (body is not null)
        {
            BodyRequired = body.IsRequired;
            RequestBody = body.Content.ToDictionary(c => c.Key, c => c.Value.Schema?.ActualSchema, StringComparer.OrdinalIgnoreCase);
        }
        foreach (var (status, response) in operation.ActualResponses)
        {
            var actual = response.ActualResponse;
            var rawResponse = Resolve(rawResponses[status]!, raw);
            var headers = new Dictionary<string, ContractHeader>(StringComparer.OrdinalIgnoreCase);
            if (rawResponse["headers"] is JsonObject rawHeaders)
            {
                foreach (var (name, header) in rawHeaders)
                {
                    var resolved = Resolve(header!, raw);
                    headers[name] = new ContractHeader(
                        name,
                        resolved["required"]?.GetValue<bool>() ?? false,
                        resolved["schema"]?["type"]?.GetValue<string>() ?? "string");
                }
            }
            Responses[status] = new ContractResponse(
                actual.Content.ToDictionary(c => c.Key, c => c.Value.Schema?.ActualSchema, StringComparer.OrdinalIgnoreCase),
                headers);
        }
    }

    public string Method { get; }
    public string Template { get; }
    public string Id { get; }
    internal string[] Segments { get; }
    internal int LiteralCount { get; }
    internal IReadOnlyList<OpenApiParameter> Parameters { get; }
    internal bool BodyRequired { get; }

    /// <summary>The request body's media types and schemas; null when the operation takes none.</summary>
    internal IReadOnlyDictionary<string, JsonSchema?>? RequestBody { get; }

    internal Dictionary<string, ContractResponse> Responses { get; } = [];

    public override string ToString() => $"{Id} ({Method} {Template})";

    private static JsonNode Resolve(JsonNode node, JsonNode raw)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = raw;
            foreach (var part in reference.TrimStart('#', '/').Split('/'))
                target = target[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!;
            node = target;
        }
        return node;
    }
}

internal sealed record ContractResponse(IReadOnlyDictionary<string, JsonSchema?> Content, IReadOnlyDictionary<string, ContractHeader> Headers);

internal sealed record ContractHeader(string Name, bool Required, string Type);
