using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;

namespace Workflows.TestSupport.Contract;

/// <summary>One HTTP exchange as the contract sees it, whichever side recorded it.</summary>
public sealed record ContractExchange(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string[]> RequestHeaders,
    string? RequestContentType,
    byte[]? RequestBody, // null when it was not read (sent without a length)
    int Status,
    IReadOnlyDictionary<string, string[]> ResponseHeaders,
    string? ResponseContentType,
    byte[] ResponseBody);

/// <summary>An exchange that breaks the document: the message names the operation, the status and where.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Checks an exchange against <see cref="ContractDocument"/>. The request must match one documented
/// operation and conform to it, or else be answered with a documented 4xx; the answer's status,
/// content type, body and the service's own headers must be the ones documented for that status.
/// </summary>
public sealed partial class ContractValidator(ContractDocument document)
{
    /// <summary>Paths outside the API, passed through unchecked.</summary>
    private static readonly string[] Unchecked = ["/health", "/openapi", "/swagger"];

    /// <summary>Headers HTTP or the platform define, which the document does not declare.</summary>
    private static readonly HashSet<string> StandardHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Content-Encoding", "Content-Language", "Date", "Cache-Control",
        "Pragma", "Expires", "Vary", "Transfer-Encoding", "Connection", "Keep-Alive", "X-Content-Type-Options",
        "WWW-Authenticate", "Allow",
    };

    /// <summary>A member given twice counts once, the last value winning, as the service reads it.</summary>
    private static readonly JsonLoadSettings LoadSettings = new() { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace };

    public static ContractValidator Current { get; } = new(ContractDocument.Current);

    public static bool IsChecked(string method, string path) =>
        method != "OPTIONS" && IsChecked(path); // CORS preflights are HTTP's, not operations of the document

    public static bool IsChecked(string path) =>
        !Unchecked.Any(prefix => path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                                 || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)
                                 || path.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws <see cref="ContractViolationException"/> when the exchange breaks the document.</summary>
    public void Check(ContractExchange exchange)
    {
        if (!IsChecked(exchange.Method, exchange.Path)) return;
        var segments = exchange.Path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var shaped = document.Operations.Where(o => Shaped(o, segments)).ToList();
        var conforming = shaped.Where(o => o.Method == exchange.Method && PathProblems(o, segments).Count == 0)
            .OrderByDescending(o => o.LiteralCount).ToList();
        // A path that names a documented resource, with a method it does not take (405), is outside the document.
        var otherMethodOnly = conforming.Count == 0 && shaped.Any(o => PathProblems(o, segments).Count == 0);
        var operation = otherMethodOnly ? null : conforming.FirstOrDefault()
                        ?? shaped.Where(o => o.Method == exchange.Method).OrderByDescending(o => o.LiteralCount).FirstOrDefault();
        if (operation is null)
        {
            CheckUndocumented(exchange);
            return;
        }

        var requestProblems = conforming.Count > 0 ? RequestProblems(operation, exchange) : PathProblems(operation, segments);
        if (requestProblems.Count > 0 && exchange.Status == 405 && shaped.Any(o => o.Method != exchange.Method))
        {
            // A path the router gave to an operation of another method (templates, not a workflow id).
            CheckUndocumented(exchange);
            return;
        }
        var where = $"{operation} {exchange.Method} {exchange.Path}{exchange.Query} answered {exchange.Status}";
        if (!operation.Responses.TryGetValue(exchange.Status.ToString(CultureInfo.InvariantCulture), out var response))
            throw Violation(where, "the status is not documented for this operation", requestProblems);
        if (requestProblems.Count > 0 && exchange.Status is < 400 or > 499)
            throw Violation(where, "a request that does not conform to the document was not refused with a 4xx", requestProblems);

        var problems = new List<string>();
        CheckHeaders(response, exchange, problems);
        CheckBody(response.Content, exchange, problems);
        if (problems.Count > 0) throw Violation(where, "the answer does not conform to the document", problems);
    }

    private static ContractViolationException Violation(string where, string what, IReadOnlyCollection<string> details) =>
        new($"Contract violation: {where}: {what}." + (details.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, details.Select(d => "  - " + d))));

    private void CheckUndocumented(ContractExchange exchange)
    {
        var where = $"no documented operation for {exchange.Method} {exchange.Path}{exchange.Query}; answered {exchange.Status}";
        // Mostly 404 or 405; what the pipeline refuses before routing (401, 413, 429…) may come first.
        if (exchange.Status is < 400 or > 499)
            throw Violation(where, "a request outside the document must be refused with a 4xx", []);
        var problems = new List<string>();
        CheckBody(new Dictionary<string, JsonSchema?> { ["application/problem+json"] = document.Problem }, exchange, problems);
        if (problems.Count > 0) throw Violation(where, "the answer does not conform to the document", problems);
    }

    private static bool Shaped(ContractOperation operation, string[] segments) =>
        operation.Segments.Length == segments.Length
        && operation.Segments.Zip(segments).All(p => p.First.StartsWith('{') ? p.Second.Length > 0 : p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));

    private static List<string> PathProblems(ContractOperation operation, string[] segments)
    {
        var problems = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            if (!operation.Segments[i].StartsWith('{')) continue;
            var name = operation.Segments[i].Trim('{', '}');
            var parameter = operation.Parameters.Single(p => p.Kind == OpenApiParameterKind.Path && p.Name == name);
            var schema = SchemaOf(parameter);
            // Ids in addresses are digits without a sign or leading zeros (the route constraints).
            if (schema.Type.HasFlag(JsonObjectType.Integer) && !RouteId().IsMatch(segments[i]))
                problems.Add($"path parameter {name}: '{segments[i]}' is not an id as routes take it");
            else
                problems.AddRange(Validate(ToToken(segments[i], schema), schema, $"path parameter {name}"));
        }
        return problems;
    }

    private static List<string> RequestProblems(ContractOperation operation, ContractExchange exchange)
    {
        var problems = new List<string>();
        var query = ParseQuery(exchange.Query);
        foreach (var parameter in operation.Parameters)
        {
            var schema = SchemaOf(parameter);
            string[]? values = parameter.Kind switch
            {
                // An empty value (?limit=) is read as not given, as model binding reads it.
                OpenApiParameterKind.Query => query.TryGetValue(parameter.Name, out var q) && q.Any(v => v.Length > 0) ? q.ToArray() : null,
                // A header's values are one list (If-None-Match: "a", "b"), however the client split them.
                OpenApiParameterKind.Header => exchange.RequestHeaders.TryGetValue(parameter.Name, out var h) ? [string.Join(", ", h)] : null,
                _ => [],
            };
            if (parameter.Kind is not (OpenApiParameterKind.Query or OpenApiParameterKind.Header)) continue;
            var label = $"{parameter.Kind.ToString().ToLowerInvariant()} parameter {parameter.Name}";
            if (values is null)
            {
                if (parameter.IsRequired) problems.Add($"{label}: required but missing");
                continue;
            }
            if (values.Length > 1)
            {
                problems.Add($"{label}: given {values.Length} times");
                continue;
            }
            problems.AddRange(Validate(ToToken(values[0], schema), schema, label));
        }

        if (operation.RequestBody is null) return problems;
        var body = exchange.RequestBody;
        if (body is null) return problems;
        if (body.Length == 0)
        {
            if (operation.BodyRequired && exchange.RequestContentType is null) problems.Add("body: required but missing");
            else if (operation.BodyRequired) problems.Add("body: empty");
            return problems;
        }
        if (!MediaType(exchange.RequestContentType, out var mediaType, out var charset)
            || !operation.RequestBody.TryGetValue(JsonSuffixed(mediaType), out var bodySchema)
            || charset is not (null or "utf-8"))
        {
            problems.Add($"body: content type '{exchange.RequestContentType}' is not one documented ({string.Join(", ", operation.RequestBody.Keys)}) in UTF-8");
            return problems;
        }
        if (bodySchema is not null) problems.AddRange(ValidateJson(body, bodySchema, "body"));
        return problems;
    }

    private static void CheckHeaders(ContractResponse response, ContractExchange exchange, List<string> problems)
    {
        foreach (var (name, values) in exchange.ResponseHeaders)
        {
            if (StandardHeaders.Contains(name) || name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)) continue;
            if (!response.Headers.TryGetValue(name, out var declared))
            {
                problems.Add($"header {name}: sent but not declared for this status");
                continue;
            }
            if (declared.Type == "integer" && values.Any(v => !long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                problems.Add($"header {name}: '{string.Join(", ", values)}' is not an integer");
        }
        foreach (var header in response.Headers.Values.Where(h => h.Required && !exchange.ResponseHeaders.ContainsKey(h.Name)))
            problems.Add($"header {header.Name}: required but missing");
    }

    private static void CheckBody(IReadOnlyDictionary<string, JsonSchema?> content, ContractExchange exchange, List<string> problems)
    {
        if (exchange.ResponseBody.Length == 0)
        {
            if (content.Count > 0 && exchange.Method != "HEAD")
                problems.Add($"body: empty, where the document says {string.Join(", ", content.Keys)}");
            return;
        }
        if (!MediaType(exchange.ResponseContentType, out var mediaType, out _) || !content.TryGetValue(mediaType, out var schema))
        {
            problems.Add($"body: content type '{exchange.ResponseContentType}' is not one documented for this status ({(content.Count == 0 ? "none" : string.Join(", ", content.Keys))})");
            return;
        }
        if (schema is not null) problems.AddRange(ValidateJson(exchange.ResponseBody, schema, "body"));
    }

    private static IEnumerable<string> ValidateJson(byte[] bytes, JsonSchema schema, string label)
    {
        JToken token;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            token = JToken.ReadFrom(reader, LoadSettings);
            if (reader.Read()) return [$"{label}: text after the JSON value"];
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            return [$"{label}: not JSON in UTF-8 ({e.Message})"];
        }
        return Validate(token, schema, label);
    }

    private static IEnumerable<string> Validate(JToken token, JsonSchema schema, string label)
    {
        try
        {
            return schema.Validate(token, SchemaType.OpenApi3).SelectMany(e => Describe(e, label)).ToList();
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException)
        {
            // NJsonSchema reads numbers as decimal and cannot judge one beyond it (1e300 as a
            // coordinate): such a value is left to the service, which answers for it either way.
            return [];
        }
    }

    private static IEnumerable<string> Describe(NJsonSchema.Validation.ValidationError error, string label)
    {
        if (error is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0)
            return child.Errors.SelectMany(e => e.Value).SelectMany(e => Describe(e, label));
        // JSON Schema counts a string's length in code points; NJsonSchema counts UTF-16 units.
        if (error.Kind is NJsonSchema.Validation.ValidationErrorKind.StringTooLong or NJsonSchema.Validation.ValidationErrorKind.StringTooShort
            && error.Token is JValue { Type: JTokenType.String, Value: string text })
        {
            var length = text.EnumerateRunes().Count();
            if ((error.Schema.MaxLength is null || length <= error.Schema.MaxLength) && (error.Schema.MinLength is null || length >= error.Schema.MinLength))
                return [];
        }
        return [$"{label} at {(string.IsNullOrEmpty(error.Path) ? "#" : error.Path)}: {error.Kind}"];
    }

    private static JsonSchema SchemaOf(OpenApiParameter parameter) =>
        (parameter.Schema ?? parameter).ActualSchema;

    /// <summary>A parameter's text as the JSON value its schema describes (left a string when it is not one).</summary>
    private static JToken ToToken(string value, JsonSchema schema)
    {
        var type = schema.Type;
        if (type.HasFlag(JsonObjectType.Integer) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return new JValue(integer);
        if (type.HasFlag(JsonObjectType.Number) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return new JValue(number);
        if (type.HasFlag(JsonObjectType.Boolean) && bool.TryParse(value, out var boolean))
            return new JValue(boolean);
        return new JValue(value);
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Unescape(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values)) result[name] = values = [];
            values.Add(value);
        }
        return result;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static bool MediaType(string? contentType, out string mediaType, out string? charset)
    {
        mediaType = "";
        charset = null;
        if (contentType is null || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is null)
            return false;
        mediaType = parsed.MediaType;
        charset = parsed.CharSet?.Trim('"').ToLowerInvariant();
        return true;
    }

    /// <summary>A structured-syntax JSON type (<c>application/merge-patch+json</c>) is read as <c>application/json</c>, as MVC reads it.</summary>
    private static string JsonSuffixed(string mediaType) =>
        mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? "application/json"
            : mediaType;

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex RouteId();
}
