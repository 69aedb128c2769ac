using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Microsoft.Data.Sqlite;
using Workflows.Bench.Seeding;
using Workflows.Bench.Shared;

namespace Workflows.Bench.Scaling;

/// <summary>One point of a curve: the median time of a request and the SQL commands it sent.</summary>
public sealed record CurvePoint(double X, double MedianMs, double Commands)
{
    public double MsPerUnit => MedianMs / X;
}

public sealed record Curve(string Key, string Title, string XLabel, IReadOnlyList<CurvePoint> Points);

public sealed record MillionResult(double BeforeMs, double AfterMs, double BeforeCommands, double AfterCommands, long Tasks, TimeSpan SeedTime)
{
    public double Change => AfterMs / BeforeMs - 1;
}

/// <summary>A write (PUT workflow) with its audit entry and without (a recorder that does nothing), measured in turns.</summary>
public sealed record AuditCostResult(CurvePoint With, CurvePoint Without)
{
    public double Change => With.MedianMs / Without.MedianMs - 1;
}

/// <summary>A write's median time and SQL commands with the workflow's history recorded, and with a recorder that records nothing.</summary>
public sealed record HistoryCost(string Request, double WithMs, double WithoutMs, double WithCommands, double WithoutCommands)
{
    public double Change => WithMs / WithoutMs - 1;
}

public sealed record ScalingResults(Curve Get, Curve Clones, Curve Deletes, Curve List, MillionResult Million, AuditCostResult Audit)
{
    public IReadOnlyList<HistoryCost> History { get; init; } = [];
}

/// <summary>The baseline of the history's cost: the service composed with a recorder that records nothing.</summary>
internal sealed class NoHistory : Workflows.Application.Common.Interfaces.IWorkflowHistory
{
    public Task AddAsync(Workflows.Domain.Workflows.WorkflowVersion version, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The scaling curves, on the real service hosted in this process (one request at a time, so
/// that the command counter counts exactly one request's SQL).
/// </summary>
public sealed class ScalingSuite(string apiProjectDirectory, string databasePath, Volume volume, Tokens tokens, TextWriter log)
{
    private readonly CommandCounter _counter = new();
    private int _clones;

    public async Task<ScalingResults> RunAsync()
    {
        var watch = Stopwatch.StartNew();
        var data = await Datasets.SeedScalingAsync(databasePath, volume);
        log.WriteLine($"  seeded the scaling database in {watch.Elapsed.TotalSeconds:0.0} s");

        await using var service = new InProcessService(apiProjectDirectory, databasePath, tokens, _counter);
        using var member = service.ClientFor(tokens.For(Callers.MemberOid));
        using var admin = service.ClientFor(tokens.For(Callers.AdminOid));
        var ws = $"/api/v2/w/{data.Workspace}";
        var reads = volume == Volume.Full ? 200 : 20;

        var get = new List<CurvePoint>();
        foreach (var n in volume.GetSizes)
        {
            var id = data.Sized[n];
            get.Add(await MeasureAsync(n, 10, Math.Max(10, reads / (1 + n / 200)), HttpStatusCode.OK, _ => member.GetAsync($"{ws}/workflows/{id}"), spread: true));
            log.WriteLine($"  GET workflow, {n} tasks: {get[^1].MedianMs:0.00} ms, {get[^1].Commands} SQL commands");
        }

        var history = await HistoryCostAsync(data, ws, reads);

        var clone = new List<CurvePoint>();
        foreach (var n in volume.CloneSizes)
        {
            var id = data.Sized[n];
            clone.Add(await MeasureAsync(n, 1, volume.Repetitions, HttpStatusCode.Created, _ =>
                admin.PostAsync($"{ws}/workflows/{id}/clone", Json($$"""{"name":"Clone of {{n}} #{{++_clones}}"}"""))));
            log.WriteLine($"  clone, {n} tasks: {clone[^1].MedianMs:0.00} ms, {clone[^1].Commands} SQL commands");
        }

        var delete = new List<CurvePoint>();
        foreach (var n in volume.DeleteSizes)
        {
            var targets = data.DeleteTargets[n];
            delete.Add(await MeasureAsync(n, 1, targets.Count - 1, HttpStatusCode.OK, i =>
                admin.DeleteAsync($"{ws}/workflows/{targets[i + 1]}?cascade=true")));
            log.WriteLine($"  cascade delete, {n} tasks: {delete[^1].MedianMs:0.00} ms, {delete[^1].Commands} SQL commands");
        }

        // The pages take turns, request by request, so that the machine's noise falls on all of them alike.
        var pages = volume.ListPages.Select(page =>
        {
            var path = $"/api/v2/w/{data.ListWorkspace}/workflows";
            if (page > 1) path += "?cursor=" + Uri.EscapeDataString(CursorBefore(data, page));
            return (X: (double)page, Send: (Func<Task<HttpResponseMessage>>)(() => member.GetAsync(path)));
        }).ToList();
        var list = await MeasureInTurnsAsync(pages, 5, reads / 2);
        foreach (var point in list) log.WriteLine($"  list, page {point.X:N0}: {point.MedianMs:0.00} ms, {point.Commands} SQL commands");

        var small = $"/api/v2/w/{data.SmallWorkspace}/workflows/{data.SmallWorkflow}";
        // Both measurements warm up alike: the bulk load from another connection empties the
        // service's page caches, and the first requests after it read from disk.
        var before = await MeasureAsync(1, 100, reads / 2, HttpStatusCode.OK, _ => member.GetAsync(small), spread: true);
        watch.Restart();
        await Datasets.AddMillionAsync(databasePath, volume, data);
        var seedTime = watch.Elapsed;
        log.WriteLine($"  added {volume.MillionTasks:N0} tasks to another workspace in {seedTime.TotalSeconds:0.0} s");
        var after = await MeasureAsync(1, 100, reads / 2, HttpStatusCode.OK, _ => member.GetAsync(small), spread: true);
        var million = new MillionResult(before.MedianMs, after.MedianMs, before.Commands, after.Commands, volume.MillionTasks, seedTime);
        log.WriteLine($"  GET in a small workspace: {million.BeforeMs:0.00} ms before, {million.AfterMs:0.00} ms after ({million.Change:+0%;-0%})");

        // The audit log's cost: the same PUT through the service as it is and through one whose
        // audit recorder does nothing, in turns, on one workflow.
        await using var unaudited = new InProcessService(apiProjectDirectory, databasePath, tokens, _counter,
            services => services.AddScoped<Workflows.Application.Common.Interfaces.IAuditLog, NoAuditLog>());
        using var unauditedAdmin = unaudited.ClientFor(tokens.For(Callers.AdminOid));
        var target = data.Sized[volume.GetSizes[1]];
        var puts = 0;
        var writes = await MeasureInTurnsAsync(
        [
            (1, () => admin.PutAsync($"{ws}/workflows/{target}", Json($$"""{"description":"Audited {{++puts}}"}"""))),
            (0, () => unauditedAdmin.PutAsync($"{ws}/workflows/{target}", Json($$"""{"description":"Unaudited {{++puts}}"}"""))),
        ], 5, reads / 2);
        var audit = new AuditCostResult(writes[0], writes[1]);
        log.WriteLine($"  PUT workflow: {audit.With.MedianMs:0.00} ms, {audit.With.Commands} SQL commands with its audit entry; {audit.Without.MedianMs:0.00} ms, {audit.Without.Commands} without ({audit.Change:+0%;-0%})");

        return new ScalingResults(
            new Curve("get", "GET workflow", "tasks in the workflow", get),
            new Curve("clone", "POST clone", "tasks in the workflow", clone),
            new Curve("delete", "DELETE ?cascade=true", "tasks in the workflow", delete),
            new Curve("list", "List by cursor (50 a page)", "page", list),
            million,
            audit) { History = history };
    }

    /// <summary>
    /// What recording a version costs a write: the same writes to a 20-task workflow, taking turns
    /// request by request, on the service as composed and on a second host of it on the same
    /// database whose history recorder records nothing.
    /// </summary>
    private async Task<List<HistoryCost>> HistoryCostAsync(ScalingData data, string ws, int reads)
    {
        await using var baseline = new InProcessService(apiProjectDirectory, databasePath, tokens, _counter,
            services => services.AddScoped<Workflows.Application.Common.Interfaces.IWorkflowHistory, NoHistory>());
        using var withHistory = new InProcessService(apiProjectDirectory, databasePath, tokens, _counter).ClientFor(tokens.For(Callers.AdminOid));
        using var without = baseline.ClientFor(tokens.For(Callers.AdminOid));
        var workflow = $"{ws}/workflows/{data.Sized[20]}";
        var task = (await (await without.GetAsync(workflow)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("tasks")[0].GetProperty("id").GetInt64();
        var n = 0;
        Func<Task<HttpResponseMessage>> Put(HttpClient client, string url, string field) =>
            () => client.PutAsync(url, Json($$"""{"{{field}}":"Change {{++n}}"}"""));
        var requests = new List<(double X, Func<Task<HttpResponseMessage>> Send)>
        {
            (0, Put(withHistory, workflow, "description")),
            (1, Put(without, workflow, "description")),
            (2, Put(withHistory, $"{workflow}/tasks/{task}", "description")),
            (3, Put(without, $"{workflow}/tasks/{task}", "description")),
        };
        var points = await MeasureInTurnsAsync(requests, 5, reads / 2);
        var costs = new List<HistoryCost>
        {
            new("PUT workflow (20 tasks)", points[0].MedianMs, points[1].MedianMs, points[0].Commands, points[1].Commands),
            new("PUT task (of 20)", points[2].MedianMs, points[3].MedianMs, points[2].Commands, points[3].Commands),
        };
        foreach (var c in costs)
            log.WriteLine($"  {c.Request}: {c.WithMs:0.00} ms with history, {c.WithoutMs:0.00} ms without ({c.Change:+0%;-0%}); {c.WithCommands} vs {c.WithoutCommands} SQL commands");
        return costs;
    }

    /// <summary>
    /// Median time and SQL commands of <paramref name="repetitions"/> requests, after
    /// <paramref name="warmup"/> unmeasured ones; fewer (but at least three) when they take longer
    /// than the point's time budget, so that a slow request cannot stretch the run.
    /// </summary>
    private async Task<CurvePoint> MeasureAsync(
        double x, int warmup, int repetitions, HttpStatusCode expected, Func<int, Task<HttpResponseMessage>> send, bool spread = false)
    {
        // A fast request measured only a hundred times spans a fraction of a second, which a burst
        // of other work on the machine can cover whole: spread such samples over a few seconds.
        var spreadOver = !spread ? TimeSpan.Zero : volume == Volume.Full ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(0.5);
        var measured = Stopwatch.StartNew();
        var times = new List<double>();
        var commands = new List<double>();
        var budget = Stopwatch.StartNew();
        var limit = volume == Volume.Full ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(2);
        for (var i = -warmup; i < repetitions || (measured.Elapsed < spreadOver && budget.Elapsed <= limit); i++)
        {
            if (budget.Elapsed > limit && times.Count >= 3) break;
            if (i == 0) measured.Restart();
            if (i < 0 && budget.Elapsed > limit / 3) i = -1;
            _counter.Reset();
            var watch = Stopwatch.StartNew();
            using var response = await send(Math.Max(i, -1));
            var body = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            if (response.StatusCode != expected)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
            if (i < 0) continue;
            times.Add(watch.Elapsed.TotalMilliseconds);
            commands.Add(_counter.Count);
        }
        return new CurvePoint(x, Median(times), Median(commands));
    }

    /// <summary>Like <see cref="MeasureAsync"/> for several requests at once, sent in turns.</summary>
    private async Task<List<CurvePoint>> MeasureInTurnsAsync(List<(double X, Func<Task<HttpResponseMessage>> Send)> requests, int warmup, int rounds)
    {
        var times = requests.Select(_ => new List<double>()).ToList();
        var commands = requests.Select(_ => new List<double>()).ToList();
        var budget = Stopwatch.StartNew();
        var limit = volume == Volume.Full ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3);
        for (var round = -warmup; round < rounds; round++)
        {
            if (budget.Elapsed > limit && round >= 3) break;
            for (var i = 0; i < requests.Count; i++)
            {
                _counter.Reset();
                var watch = Stopwatch.StartNew();
                using var response = await requests[i].Send();
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
                if (round < 0) continue;
                times[i].Add(watch.Elapsed.TotalMilliseconds);
                commands[i].Add(_counter.Count);
            }
        }
        return requests.Select((r, i) => new CurvePoint(r.X, Median(times[i]), Median(commands[i]))).ToList();
    }

    /// <summary>The cursor the service hands out at the end of page <paramref name="page"/> − 1 (the member sees every active workflow there).</summary>
    private string CursorBefore(ScalingData data, int page)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CreatedAt, Id FROM Workflows WHERE WorkspaceId = $ws AND IsArchived = 0 ORDER BY CreatedAt, Id LIMIT 1 OFFSET $skip";
        command.Parameters.AddWithValue("$ws", data.ListWorkspaceId);
        command.Parameters.AddWithValue("$skip", (page - 1) * 50 - 1);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException($"The list has no page {page}.");
        return ListCursor.After(tokens.CursorKey, data.ListWorkspaceId, data.ListMemberId, reader.GetDateTime(0), reader.GetInt64(1));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
