using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.TestSupport;

namespace Workflows.SqlServer.Tests;

/// <summary>An answer of the SQLite host (the one the scenario reads on from), and the status both gave.</summary>
public sealed record TwinResponse(HttpStatusCode Status, JsonElement Body, string? ETag)
{
    public long Id => Body.GetProperty("id").GetInt64();
    public string Text(string property) => Body.GetProperty(property).GetString()!;
}

/// <summary>Sends each request to the SQLite host, then to the SQL Server host, and holds them in step.</summary>
public sealed class Twins(LockStep lockStep, SqliteTwin sqlite, SqlServerTwin sqlServer)
{
    public int Requests { get; private set; }

    public async Task<TwinResponse> SendAsync(
        string callerOid, HttpMethod method, string url, object? body = null, HttpStatusCode? expect = null, params (string Name, string Value)[] headers)
    {
        var step = $"{method} {url}";
        CompiledQueries.Forget();
        var first = await SendToAsync(sqlite, callerOid, method, url, body, headers);
        var firstBody = await first.Content.ReadAsStringAsync();
        CompiledQueries.Forget();
        var second = await SendToAsync(sqlServer, callerOid, method, url, body, headers);
        var secondBody = await second.Content.ReadAsStringAsync();
        Requests++;

        lockStep.AssertInStep(step, $"\nSQLite answered {(int)first.StatusCode} {firstBody}\nSQL Server answered {(int)second.StatusCode} {secondBody}\n{sqlServer.Errors.Drain()}");
        Assert.That(second.StatusCode, Is.EqualTo(first.StatusCode),
            $"{step}: SQLite answered {(int)first.StatusCode} {firstBody}\nSQL Server answered {(int)second.StatusCode} {secondBody}");
        if (expect is { } status)
            Assert.That(first.StatusCode, Is.EqualTo(status), $"{step}: {firstBody}");
        var json = firstBody.Length == 0 ? default : JsonDocument.Parse(firstBody).RootElement.Clone();
        return new TwinResponse(first.StatusCode, json, first.Headers.ETag?.Tag);
    }

    /// <summary>Runs the same work on each host's services, SQLite first, and holds their commands in step.</summary>
    public async Task RunOnBothAsync(string step, Func<IServiceProvider, Task> work)
    {
        CompiledQueries.Forget();
        await work(sqlite.Services);
        CompiledQueries.Forget();
        await work(sqlServer.Services);
        lockStep.AssertInStep(step);
    }

    private static Task<HttpResponseMessage> SendToAsync(
        WorkflowsApiFactory host, string callerOid, HttpMethod method, string url, object? body, (string Name, string Value)[] headers)
    {
        var client = host.ClientFor(callerOid);
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }
}
