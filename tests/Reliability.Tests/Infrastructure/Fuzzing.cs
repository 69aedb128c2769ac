using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>One generated request, and how it was made (for the report of an unexpected answer).</summary>
public sealed record FuzzCase(OpenApiOperation Operation, string Method, string Url, string? IfMatch, byte[]? Body, string? ContentType, int Caller, string Flavor)
{
    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 200));
        return $"{Method} {(Url.Length > 200 ? Url[..200] + "…" : Url)} as caller {Caller} [{Flavor}] If-Match={IfMatch} {ContentType} {body}";
    }
}

/// <summary>Ids of one workspace's workflows, tasks (each with its workflow), members, phone numbers and inboxes.</summary>
public sealed record FuzzIds(long[] Workflows, (long Workflow, long Task)[] Tasks, long[] Members, long[] PhoneNumbers, long[] Inboxes)
{
    public long MaxId => new[] { Workflows.Max(), Tasks.Max(t => t.Task), Members.Max(), PhoneNumbers.Max(), Inboxes.Max() }.Max();
}

/// <summary>
/// What the fuzzed service holds: ids and uuids of the fuzzed workspace a request may name to
/// reach past the 404s, and ids of another workspace. DELETE requests name <see cref="Disposable"/>
/// things, so that the others stay for the rest of the run; and no id names
/// <see cref="FuzzingAdmin"/>, the member who sends most requests: one that demoted or removed
/// them would take the rest of the run's reach away.
/// </summary>
public sealed record FuzzPools(
    Guid Workspace,
    Guid OtherWorkspace,
    FuzzIds Kept,
    FuzzIds Disposable,
    Guid[] WorkflowUuids,
    long[] Agents,
    long[] Assignments,
    Guid[] Templates,
    long[] ForeignIds,
    long FuzzingAdmin)
{
    public long MaxId => new[] { Kept.MaxId, Disposable.MaxId, Assignments.Max(), ForeignIds.Max() }.Max();
}

/// <summary>
/// CsCheck generators of requests for each operation of an OpenAPI document: mostly well-formed
/// values that reach the handlers, mixed with wrong types, nulls, huge, unicode and injection
/// strings, negative and overflowing ids, bogus cursors and ETags, broken, deep, oversized and
/// mistyped bodies, other methods and other callers.
/// </summary>
public sealed class FuzzGenerators(OpenApiDocument document, FuzzPools pools)
{
    public const int Callers = 6; // admin, member, guest, stranger, no token, admin with read scope only

    private static readonly string[] InjectionStrings =
    [
        "' OR '1'='1", "1; DROP TABLE \"Workflows\";--", "\" OR 1=1 --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://example.com/a}",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "%s%s%s%n", "{0}{1}", "$where: '1 == 1'", "' UNION SELECT * FROM \"Members\"--",
        "\r\nX-Injected: 1", "javascript:alert(1)", "null", "undefined", "NaN", "-1", "0x7FFFFFFF",
    ];

    private static readonly string[] UnicodeStrings =
    [
        "😀🚀👩‍👩‍👧‍👦", "\u202Eevil\u202C", "zero\u200Bwidth\u200D", "e\u0301\u0301\u0301", "\u0000nul\u0000", "\uD800", "\uDFFF\uD800", "工作流程", "Ｆｕｌｌｗｉｄｔｈ",
        "مرحبا", "\uFEFFbom", "\u00A0\u2028\u2029", "ǅǈǋ", "İıßẞ", new string('\u0301', 300),
    ];

    private static readonly string[] HostileJson =
    [
        "null", "true", "false", "0", "-1", "-0", "1.5", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1e400", "-1e400", "1e-400", "2147483648", "NaN", "Infinity", "\"NaN\"", "\"Infinity\"", "\"\"", "\" \"",
        "\"12\"", "\"true\"", "\"2024-13-45T99:99:99Z\"", "[]", "[null]", "[1,2,3]", "[\"a\",{}]", "{}", "{\"a\":{\"b\":[]}}", "{\"$ref\":\"#\"}",
    ];

    private static readonly string[] BrokenBodies =
    [
        "", "null", "[]", "\"text\"", "42", "true", "{", "}", "{\"name\":", "{\"name\":\"unterminated", "{\"name\":\"x\",}", "{'name':'x'}",
        "{name:\"x\"}", "{\"name\":\"a\",\"name\":\"b\"}", "{\"name\":\"x\"}{\"name\":\"y\"}", "{\"name\":\"x\"} trailing", "/* comment */ {}",
        "{\"name\":\"\\uZZZZ\"}", "{\"name\":\"\\ud800\"}", "\u00EF\u00BB\u00BF{}", "{\"a\":1e999999}", "<xml/>", "name=x&description=y",
    ];

    private static readonly string[] OtherContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=utf-16", "application/merge-patch+json", "*/*"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private readonly Dictionary<OpenApiOperation, Gen<FuzzCase>> _cases = [];

    /// <summary>Requests for <paramref name="operation"/>.</summary>
    public Gen<FuzzCase> For(OpenApiOperation operation)
    {
        if (!_cases.TryGetValue(operation, out var gen))
            _cases[operation] = gen = CaseFor(operation);
        return gen;
    }

    private Gen<FuzzCase> CaseFor(OpenApiOperation operation)
    {
        // A restore rewrites a workflow's tasks: it takes the workflows DELETE may take, so that the
        // tasks other routes are fuzzed with stay.
        var ids = operation.Method == "DELETE" || operation.Path.EndsWith("/restore", StringComparison.Ordinal) ? pools.Disposable : pools.Kept;
        // A task is mostly named with its own workflow, so that task routes get past their 404s.
        var start = operation.Path.Contains("{task_id}", StringComparison.Ordinal)
            ? Gen.Frequency((3, Gen.OneOf(ids.Tasks)), (1, Gen.Const((0L, 0L)))).Select(pair => pair.Item1 == 0
                ? operation.Path
                : operation.Path.Replace("{workflow_id}", Invariant(pair.Item1), StringComparison.Ordinal).Replace("{task_id}", Invariant(pair.Item2), StringComparison.Ordinal))
            : Gen.Const(operation.Path);
        // NUL stays out of paths: the in-process test server cannot build such a request (Kestrel
        // refuses it with 400 before the service sees it). Queries and bodies carry it.
        var path = operation.Parameters.Where(p => p.In == "path")
            .Aggregate(start, (acc, p) => acc.SelectMany(url => ParameterValue(p, ids).Select(v =>
                url.Replace($"{{{p.Name}}}", Uri.EscapeDataString(v.Replace("\0", "", StringComparison.Ordinal)), StringComparison.Ordinal))));
        var query = operation.Parameters.Where(p => p.In == "query")
            .Aggregate(Gen.Const(""), (acc, p) => acc.SelectMany(q => Gen.Frequency(
                (1, Gen.Const(q)),
                (1, ParameterValue(p, ids).Select(v => $"{q}{(q.Length == 0 ? "?" : "&")}{p.Name}={Uri.EscapeDataString(v)}")))));
        var ifMatch = operation.Parameters.Any(p => p.Name == "If-Match")
            ? Gen.Frequency((5, Gen.Const((string?)null)), (1, ETagValue().Select(v => (string?)v)))
            : Gen.Const((string?)null);
        var caller = Gen.Frequency((85, Gen.Const(0)), (4, Gen.Const(1)), (4, Gen.Const(2)), (3, Gen.Const(3)), (2, Gen.Const(4)), (2, Gen.Const(5)));
        var method = Gen.Frequency((49, Gen.Const(operation.Method)), (1, Gen.OneOf(Methods)));

        return Gen.Select(path, query, ifMatch, Body(operation), caller, method, (p, q, m, body, who, verb) =>
            new FuzzCase(operation, verb, p + q, m, body.Bytes, body.ContentType, who, verb == operation.Method ? body.Flavor : $"method {verb}; {body.Flavor}"));
    }

    // ---- parameters --------------------------------------------------------------------------

    private Gen<string> ParameterValue(OpenApiParameter parameter, FuzzIds ids) =>
        Gen.Frequency((4, ValidParameter(parameter, ids)), (1, HostileText()));

    private Gen<string> ValidParameter(OpenApiParameter p, FuzzIds ids) => p.Name switch
    {
        "workspace_uuid" => Gen.Frequency((30, Gen.Const(pools.Workspace.ToString())), (1, Gen.Const(pools.OtherWorkspace.ToString())), (1, Gen.Guid.Select(g => g.ToString()))),
        "workflow_id" when p.Schema["type"]?.GetValue<string>() == "string" =>
            Gen.Frequency((3, Id(ids.Workflows)), (1, Gen.OneOf(pools.WorkflowUuids).Select(u => u.ToString()))),
        "workflow_id" or "workflowId" => Id(ids.Workflows),
        "task_id" => Id(ids.Tasks.Select(t => t.Task).ToArray()),
        "member_id" => MemberId(ids),
        "ownerId" or "transferTo" => MemberId(pools.Kept),
        "agentId" => Id(pools.Agents),
        "assignment_id" => Id(pools.Assignments),
        "phone_number_id" => Id(ids.PhoneNumbers),
        "inbox_id" => Id(ids.Inboxes),
        "template_uuid" => Gen.Frequency((5, Gen.OneOf(pools.Templates).Select(u => u.ToString())), (1, Gen.Guid.Select(g => g.ToString()))),
        // Versions: mostly ones every seeded workflow has (1 created, 2 its first task or change).
        "version" or "against" => Gen.Frequency((6, Gen.Long[1, 2]), (1, Gen.Long[-1, 1_000])).Select(Invariant),
        "limit" => Gen.Int[1, 200].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        "cursor" => Gen.OneOf(Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"], 1, 120], Gen.Const("eyJpZCI6MX0"), Gen.Const("AAAA.BBBB")),
        "q" => Gen.String[Gen.Char["abcdefgh WXYZ%_*"], 0, 12],
        _ => FromSchema(p.Schema),
    };

    private Gen<string> FromSchema(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values)
            return Gen.OneOf(values.OfType<JsonNode>().Select(v => v.GetValue<string>()).ToArray());
        return schema["type"]?.GetValue<string>() switch
        {
            "boolean" => Gen.Bool.Select(b => b ? "true" : "false"),
            "integer" => Gen.Long[-5, 1_000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            "number" => Gen.Double[-1e6, 1e6].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            _ => Gen.String[Gen.Char.AlphaNumeric, 0, 20],
        };
    }

    /// <summary>An id of the right kind mostly, else one of another workspace, any id the service might hold, or one it cannot.</summary>
    private Gen<string> Id(long[] pool) => Gen.Frequency(
        (8, Gen.OneOf(pool)),
        (1, Gen.OneOf(pools.ForeignIds)),
        (1, Gen.Long[1, pools.MaxId + 200]),
        (1, Gen.OneOf(0L, -1L, long.MaxValue, long.MinValue)))
        .Select(Invariant);

    /// <summary>Any member id but the fuzzing admin's.</summary>
    private Gen<string> MemberId(FuzzIds ids) => Id(ids.Members).Where(id => id != Invariant(pools.FuzzingAdmin));

    private static string Invariant(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Gen<string> ETagValue() => Gen.Frequency(
        (3, Gen.Int[0, 60].Select(v => $"\"{v}\"")),
        (1, Gen.Const("*")),
        (1, Gen.OneOf("W/\"1\"", "\"1\", \"2\"", "\"", "\"\"", "1", "W/", "\"1.0.0\"", new string('"', 300))),
        (1, Gen.String[Gen.Char['!', '~'], 0, 80]));

    /// <summary>Text no parameter expects: numbers out of range, other types, injection, unicode, huge.</summary>
    private static Gen<string> HostileText() => Gen.Frequency(
        (3, Gen.OneOf("", " ", "-1", "0", "-0", "1.5", "1e3", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "99999999999999999999999", "2147483648", "abc", "true", "null", "00000000-0000-0000-0000-000000000000", "{}", "[]", "%", "+1", " 1", "0x10")),
        (3, Gen.OneOf(InjectionStrings)),
        (2, Gen.OneOf(UnicodeStrings)),
        (1, Gen.Int[100, 5_000].Select(n => new string('9', n))),
        (1, Gen.String[Gen.Char['\u0020', '\uD7FF'], 1, 40]));

    // ---- bodies ------------------------------------------------------------------------------

    private readonly record struct BodyCase(byte[]? Bytes, string? ContentType, string Flavor);

    private Gen<BodyCase> Body(OpenApiOperation operation)
    {
        if (operation.BodySchema is not { } schema)
            return Gen.Frequency((30, Gen.Const(new BodyCase(null, null, "no body"))), (1, Broken()));
        var members = Members(schema, hostility: 0);
        return Gen.Frequency(
            (10, members.Select(m => Json(Render(m), "valid"))),
            (5, members.SelectMany(m => ReplaceOne(schema, m)).Select(m => Json(Render(m), "one field hostile"))),
            (4, Members(schema, hostility: 4).Select(m => Json(Render(m), "hostile anywhere"))),
            (2, members.SelectMany(m => Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 12], HostileValue(), (k, v) => m.Append(($"x{k}", v)).ToList()))
                .Select(m => Json(Render(m), "unknown field"))),
            (3, Broken()),
            (1, Gen.Int[1, 4_096].Select(extra => Json(Oversized(extra), "over 1 MiB"))));
    }

    private static BodyCase Json(string text, string flavor) => new(Encoding.UTF8.GetBytes(text), "application/json", flavor);

    private static Gen<BodyCase> Broken() => Gen.Frequency(
        (4, Gen.OneOf(BrokenBodies).Select(b => Json(b, "broken JSON"))),
        (1, Gen.Int[65, 2_000].Select(n => Json(new string('[', n) + new string(']', n), "too deep"))),
        (1, Gen.Const(new BodyCase([0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D], "application/json", "invalid UTF-8"))),
        (2, Gen.OneOf(OtherContentTypes).Select(t => new BodyCase("{\"name\":\"x\"}"u8.ToArray(), t, $"content type {t}"))),
        (1, Gen.Const(new BodyCase("{\"name\":\"x\"}"u8.ToArray(), null, "no content type"))));

    private static string Oversized(int extra) =>
        "{\"name\":\"big\",\"description\":\"" + new string('x', 1024 * 1024 + extra) + "\"}";

    /// <summary>
    /// The properties of an object: each value valid, or hostile one time in <paramref name="hostility"/>
    /// (0: never); each present or not, but in a valid body the ones a request cannot do without.
    /// </summary>
    private Gen<List<(string Key, string Value)>> Members(JsonObject schema, int hostility, int depth = 0)
    {
        schema = document.Resolve(schema);
        // Read-only members are the service's to write: a request carries them only as a GET body sent back.
        var properties = (schema["properties"] as JsonObject ?? []).Where(p => p.Value?["readOnly"]?.GetValue<bool>() != true);
        var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Concat(Essential).ToHashSet(StringComparer.Ordinal);
        return properties.Aggregate(Gen.Const(new List<(string, string)>()), (acc, property) =>
        {
            var value = Value(property.Value?.AsObject() ?? [], property.Key, hostility, depth + 1);
            var present = hostility == 0 && required.Contains(property.Key) ? Gen.Const(true) : Gen.Bool;
            return acc.SelectMany(list => present.SelectMany(included => included
                ? value.Select(v => list.Append((property.Key, v)).ToList())
                : Gen.Const(list)));
        });
    }

    /// <summary>What the service needs in a body, though the document does not mark it required.</summary>
    private static readonly string[] Essential = ["name", "title", "workflowId", "kind", "role", "displayName", "number", "address", "type", "event", "action", "access"];

    private Gen<string> Value(JsonObject schema, string name, int hostility, int depth)
    {
        var valid = ValidValue(document.Resolve(schema), name, hostility, depth);
        return hostility == 0 ? valid : Gen.Frequency((hostility, valid), (1, HostileValue()));
    }

    private Gen<string> ValidValue(JsonObject schema, string name, int hostility, int depth)
    {
        if (schema["enum"] is JsonArray values) // a nullable enum lists null among its values (OpenAPI 3.0)
            return Gen.OneOf(values.Select(v => v is null ? "null" : JsonSerializer.Serialize(v.GetValue<string>())).ToArray());
        return schema["type"]?.GetValue<string>() switch
        {
            "object" when depth < 4 => Members(schema, hostility, depth).Select(Render),
            "array" when depth < 4 && schema["items"] is JsonObject items =>
                Gen.Int[0, 3].SelectMany(n => Enumerable.Range(0, n).Aggregate(Gen.Const(new List<string>()),
                    (acc, _) => acc.SelectMany(list => Value(items, name, hostility, depth + 1).Select(v => list.Append(v).ToList()))))
                    .Select(list => $"[{string.Join(",", list)}]"),
            "string" => Text(name).Select(t => JsonSerializer.Serialize(t)),
            "integer" => IntegerFor(name, hostility),
            "number" => Gen.Double[-1e4, 1e4].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            "boolean" => Gen.Bool.Select(b => b ? "true" : "false"),
            _ => Gen.OneOf("{}", "null", "{\"channel\":\"mail\",\"retries\":3}"),
        };
    }

    /// <summary>A reference in a body: of this workspace in a valid body; any id, too, in a hostile one.</summary>
    private Gen<string> IntegerFor(string name, int hostility)
    {
        long[]? pool = name switch
        {
            "workflowId" => pools.Kept.Workflows,
            "ownerId" => pools.Kept.Members,
            "agentId" => pools.Agents,
            "startTaskId" or "nextTaskIds" => pools.Kept.Tasks.Select(t => t.Task).ToArray(),
            "defaultPhoneNumberId" => pools.Kept.PhoneNumbers,
            "defaultInboxId" => pools.Kept.Inboxes,
            _ => null,
        };
        if (pool is null) return Gen.Long[0, 100].Select(Invariant);
        if (hostility == 0) return Gen.OneOf(pool).Select(Invariant);
        return name == "ownerId" ? MemberId(pools.Kept) : Id(pool);
    }

    private static Gen<string> Text(string name) => name switch
    {
        "number" => Gen.Long[1_000_000, 999_999_999_999].Select(n => $"+{n}"),
        "address" => Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(s => $"{s}@example.com"),
        "objectId" => Gen.Guid.Select(g => g.ToString()),
        _ => Gen.Frequency(
            (8, Gen.String[Gen.Char.AlphaNumeric, 1, 24].Select(s => $"fz {s}")),
            (1, Gen.String[Gen.Char['\u0020', '\uD7FF'], 1, 30])),
    };

    /// <summary>A valid set of properties with one property of the schema (present or not) set to a hostile value.</summary>
    private Gen<List<(string Key, string Value)>> ReplaceOne(JsonObject schema, List<(string Key, string Value)> members)
    {
        var keys = (document.Resolve(schema)["properties"] as JsonObject ?? []).Select(p => p.Key).ToArray();
        if (keys.Length == 0) return HostileValue().Select(v => new List<(string, string)> { ("name", v) });
        return Gen.Select(Gen.OneOf(keys), HostileValue(), (key, value) =>
            members.Where(m => m.Key != key).Append((key, value)).ToList());
    }

    /// <summary>JSON no field expects: other types, out-of-range numbers, huge, unicode and injection strings, deep or long arrays.</summary>
    private static Gen<string> HostileValue() => Gen.Frequency(
        (5, Gen.OneOf(HostileJson)),
        (3, Gen.OneOf(InjectionStrings).Select(s => JsonSerializer.Serialize(s))),
        (3, Gen.OneOf(UnicodeStrings).Select(s => JsonSerializer.Serialize(s))),
        (2, Gen.OneOf(201, 2_001, 32_001, 300_000).Select(n => JsonSerializer.Serialize(new string('w', n)))),
        (1, Gen.Int[1, 80].Select(n => JsonSerializer.Serialize(string.Concat(Enumerable.Repeat("😀", n * 5))))),
        (1, Gen.Int[65, 300].Select(n => new string('[', n) + new string(']', n))),
        (1, Gen.Int[1_001, 3_000].Select(n => $"[{string.Join(",", Enumerable.Range(1, n))}]")),
        (1, Gen.String[Gen.Char['\u0000', '\uFFFF'], 0, 60].Select(s => JsonSerializer.Serialize(s))));

    private static string Render(List<(string Key, string Value)> members) =>
        "{" + string.Join(",", members.Select(m => $"{JsonSerializer.Serialize(m.Key)}:{m.Value}")) + "}";
}
