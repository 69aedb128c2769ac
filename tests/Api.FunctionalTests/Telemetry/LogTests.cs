using System.Net;
using System.Text;
using System.Text.Json;
using Workflows.Application.Workspaces;

namespace Workflows.Api.FunctionalTests.Telemetry;

/// <summary>
/// The console log as a deployment sees it: the real service in a process of its own, logging
/// JSON with scopes (as appsettings.json sets for Production), at Information and with EF Core's
/// commands logged. Every line is one JSON object; a request's lines carry its trace and span
/// ids; neither tokens, nor what a body holds, nor the connection string is ever written.
/// </summary>
[NonParallelizable]
public sealed class LogTests
{
    private const string Secret = "sk_live_0a1b2c3d4e5f6a7b8c9d";

    private static readonly Dictionary<string, string> JsonLogs = new()
    {
        ["Logging:Console:FormatterName"] = "json",
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
    };

    [Test]
    public async Task JsonLogs_HaveTraceIdsOnRequestLines_AndNeverTokensBodiesOrTheConnectionString()
    {
        using var database = new TestDatabase();
        await using var service = await ServiceProcess.StartAsync(database, JsonLogs);
        var oid = Guid.NewGuid().ToString();
        var client = service.ClientFor(oid);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;

        var created = await client.PostJsonAsync("api/v2/workspaces", new { name = "Logged" });
        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var root = $"api/v2/w/{(await created.ReadAsync<WorkspaceResponse>()).Uuid}";
        var workflow = await client.PostJsonAsync($"{root}/workflows", new { name = "Holds a secret", description = Secret, prompt = $"Use {Secret}" });
        await workflow.ShouldSucceedAsync(HttpStatusCode.Created);
        var invalid = await client.PostJsonAsync($"{root}/workflows", new { name = new string('x', 300) + Secret });
        await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var malformed = await client.PostAsync($"{root}/workflows", new StringContent($$"""{"name": "{{Secret}}", """, Encoding.UTF8, "application/json"));
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var forged = new HttpRequestMessage(HttpMethod.Get, $"{root}/workflows");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tampered);
        await (await client.SendAsync(forged)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var missing = await client.GetAsync($"{root}/workflows/999999999");
        var problem = await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var output = await QuietOutputAsync(service);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(Parse).ToList();
        // Searched as written and as decoded (JSON escapes some characters).
        var logged = output + "\n" + string.Join("\n", entries.SelectMany(Strings));
        var requestLines = entries.Where(e => Scope(e, "RequestPath") is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(requestLines, Is.Not.Empty, output);
            Assert.That(requestLines.Where(e => Scope(e, "TraceId") is not { Length: 32 } || Scope(e, "SpanId") is not { Length: 16 }), Is.Empty, "every request line has its trace and span ids");
            Assert.That(requestLines.Where(e => e.GetProperty("Category").GetString() == "Microsoft.EntityFrameworkCore.Database.Command"), Is.Not.Empty, "EF Core's commands are logged");
            Assert.That(requestLines.Where(e => Scope(e, "RequestPath") == $"/{root}/workflows"), Is.Not.Empty, "the requests that held the secret were logged");
            Assert.That(requestLines.Where(e => Scope(e, "TraceId") == problem.TraceId), Is.Not.Empty, "a problem's traceId finds its request's lines");
            Assert.That(logged, Does.Not.Contain(token), "the token");
            Assert.That(logged, Does.Not.Contain(token.Split('.')[2]), "the token's signature");
            Assert.That(logged, Does.Not.Contain(tampered.Split('.')[2]), "a refused token's signature");
            Assert.That(logged, Does.Not.Contain(Secret), "what a body held");
            Assert.That(logged, Does.Not.Contain(database.ConnectionString), "the connection string");
        });
    }

    [Test]
    public void Production_LogsJsonWithScopes_AndDevelopmentReadableLines()
    {
        using var production = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("src", "Api", "appsettings.json")));
        using var development = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("src", "Api", "appsettings.Development.json")));
        var console = production.RootElement.GetProperty("Logging").GetProperty("Console");

        Assert.That(console.GetProperty("FormatterName").GetString(), Is.EqualTo("json"));
        Assert.That(console.GetProperty("FormatterOptions").GetProperty("IncludeScopes").GetBoolean(), Is.True);
        Assert.That(development.RootElement.GetProperty("Logging").GetProperty("Console").GetProperty("FormatterName").GetString(), Is.EqualTo("simple"));
    }

    /// <summary>The output once the service has written nothing more for a while: no line is cut off.</summary>
    private static async Task<string> QuietOutputAsync(ServiceProcess service)
    {
        var output = service.Output;
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(200);
            if (service.Output == output) break;
            output = service.Output;
        }
        return output;
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"Not a JSON object: {line}");
            throw;
        }
    }

    /// <summary>Every property name and string value of an entry, decoded.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    /// <summary>A value from the line's scopes (ASP.NET Core's request scope, the activity's ids…).</summary>
    private static string? Scope(JsonElement entry, string name)
    {
        if (!entry.TryGetProperty("Scopes", out var scopes)) return null;
        foreach (var scope in scopes.EnumerateArray())
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var value)) return value.ToString();
        return null;
    }
}
