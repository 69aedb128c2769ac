using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.History;
using Workflows.Infrastructure.Audit;
using Workflows.Infrastructure.History;
using Workflows.Infrastructure.Idempotency;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>
/// PostgreSQL's plans (<c>EXPLAIN</c>, with the parameter values the service sent) for the
/// statements over the tables that grow without bound: the audit log, the versions and the
/// idempotency keys. PostgreSQL chooses a plan from the table's statistics, so a plan read on a
/// handful of rows says little: each of those tables is first filled to about 200,000 rows
/// (copies of the rows a scenario wrote) and analysed. None of these statements may read one of
/// them from end to end, and the pages come in index order, without a sort.
/// </summary>
[NonParallelizable]
public sealed partial class PostgreSqlQueryPlanTests
{
    private const int Volume = 200_000;
    private static readonly string[] BigTables = ["AuditEntries", "WorkflowVersions", "IdempotencyRecords"];
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private RecordingApiFactory _factory = null!;
    private TestWorkspace _ws = null!;
    private WorkflowResponse _workflow = null!;

    [OneTimeSetUp]
    public async Task FillAsync()
    {
        _factory = new RecordingApiFactory();
        _ws = await TestWorkspace.CreateAsync(_factory);
        (_workflow, _, _, _) = await _ws.CreateWorkflowWithTasksAsync();
        var url = $"{_ws.Root}/workflows/{_workflow.Id}";
        for (var i = 0; i < 3; i++)
            await (await _ws.Admin.Client.PutJsonAsync(url, new { prompt = $"History {i}" })).ShouldSucceedAsync();
        for (var i = 0; i < 4; i++)
            await KeyedAsync($"{_ws.Root}/assignments", Guid.NewGuid().ToString(), new { workflowId = _workflow.Id, title = $"Keyed {i}" });

        await using var connection = new NpgsqlConnection(_factory.Database.ConnectionString);
        await connection.OpenAsync();
        // Copies of what the scenario wrote, each kept unique where the table wants it, over the
        // last 10,000 hours (the audit log's times rising with its numbers, as the log keeps them),
        // with the snapshots left small.
        await MultiplyAsync(connection, "AuditEntries", new()
        {
            ["Sequence"] = "t.\"Sequence\" + g * 1000",
            ["At"] = $"TIMESTAMPTZ '{Now:yyyy-MM-dd}' - INTERVAL '10000 hours' + g * INTERVAL '1 hour'",
        });
        await MultiplyAsync(connection, "WorkflowVersions", new()
        {
            ["Version"] = "t.\"Version\" + g * 1000",
            ["Snapshot"] = "'{}'",
        });
        await MultiplyAsync(connection, "IdempotencyRecords", new()
        {
            ["Key"] = "t.\"Key\" || '-' || g",
            ["CreatedAt"] = $"TIMESTAMPTZ '{Now:yyyy-MM-dd}' - g * INTERVAL '1 minute'",
        });
        await using var analyse = new NpgsqlCommand("ANALYZE", connection);
        await analyse.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [TestCase("")]
    [TestCase("action=workflow.updated")]
    [TestCase("actorId={actor}")]
    [TestCase("targetType=workflow&targetId={workflow}")]
    [TestCase("from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")]
    public async Task Pages_the_audit_log_by_index_in_sequence_order(string filter)
    {
        var query = filter.Replace("{actor}", _ws.Admin.MemberId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{workflow}", _workflow.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var url = $"{_ws.Root}/audit-log?limit=50&{query}";
        var first = await PlansOfAsync(() => _ws.Admin.Client.GetAsync(url));
        var page = await (await _ws.Admin.Client.GetAsync(url)).ReadAsync<Page<global::Workflows.Application.AuditLog.AuditEntryResponse>>();
        var second = await PlansOfAsync(() => _ws.Admin.Client.GetAsync($"{url}&cursor={Uri.EscapeDataString(page.NextCursor!)}"));
        AssertNoScanOrSort("audit-log?" + query, first.Concat(second).ToList());
    }

    [Test]
    public async Task Reads_and_writes_a_workflows_history_by_index()
    {
        var url = $"{_ws.Root}/workflows/{_workflow.Id}";
        var page = await (await _ws.Admin.Client.GetAsync($"{url}/versions?limit=2")).ReadAsync<Page<WorkflowVersionSummaryResponse>>();
        var requests = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("list versions", () => _ws.Admin.Client.GetAsync($"{url}/versions?limit=2")),
            ("list versions, page 2", () => _ws.Admin.Client.GetAsync($"{url}/versions?limit=2&cursor={Uri.EscapeDataString(page.NextCursor!)}")),
            // The scenario's own versions (the copies hold no snapshot): 2 to 4 are its updates.
            ("get a version", () => _ws.Admin.Client.GetAsync($"{url}/versions/2")),
            ("diff against the version before", () => _ws.Admin.Client.GetAsync($"{url}/versions/3/diff")),
            ("diff against another version", () => _ws.Admin.Client.GetAsync($"{url}/versions/4/diff?against=2")),
            ("PUT workflow (a version and an audit entry)", () => _ws.Admin.Client.PutJsonAsync(url, new { description = Guid.NewGuid().ToString() })),
            ("an idempotent request and its replay", () => KeyedTwiceAsync($"{_ws.Root}/assignments", new { workflowId = _workflow.Id, title = "Twice" })),
        };
        foreach (var (name, send) in requests)
            AssertNoScanOrSort(name, await PlansOfAsync(send));
    }

    [Test]
    public async Task Sweeps_by_index()
    {
        var scopes = _factory.Services.GetRequiredService<IServiceScopeFactory>();
        var clock = new FixedClock(Now);
        // Clocks set so that only the oldest copies are due, a few batches' worth, and the tables
        // stay at volume: the audit copies are an hour apart (from 10,000 hours back), the keys a minute apart.
        var audit = new AuditSweeper(scopes, clock, Options.Create(new HistoryOptions { AuditRetentionDays = 400 }), NullLogger<AuditSweeper>.Instance);
        var keys = new IdempotencySweeper(scopes, new FixedClock(Now.AddMinutes(-47_000).AddHours(24)), Options.Create(new IdempotencyOptions { SweepBatchSize = 1_000 }), NullLogger<IdempotencySweeper>.Instance);

        _factory.Sql.Clear();
        var sweptEntries = await audit.SweepAsync(CancellationToken.None);
        var sweptKeys = await keys.SweepAsync(CancellationToken.None);
        var steps = await ExplainAsync(_factory.Sql.Commands);
        Assert.Multiple(() =>
        {
            Assert.That(sweptEntries, Is.InRange(1_000, 50_000), "a few batches of audit entries were due");
            Assert.That(sweptKeys, Is.InRange(1_000, 50_000), "a few batches of keys were due");
        });
        AssertNoScanOrSort("the sweeps", steps, sortsAllowed: false);
    }

    private static void AssertNoScanOrSort(string name, IReadOnlyList<(string Statement, string Plan)> steps, bool sortsAllowed = false)
    {
        var onBigTables = steps.Where(s => BigTables.Any(t => s.Statement.Contains($"\"{t}\"", StringComparison.Ordinal))).ToList();
        Assert.That(onBigTables, Is.Not.Empty, $"{name}: reached one of {string.Join(", ", BigTables)}");
        foreach (var (statement, plan) in onBigTables) TestContext.Out.WriteLine($"-- {name}\n{statement}\n{plan}\n");
        var wrong = onBigTables.Where(s => SeqScanOnBigTable().IsMatch(s.Plan) || (!sortsAllowed && SortNode().IsMatch(s.Plan))).ToList();
        Assert.That(wrong, Is.Empty, () => $"{name}: a whole-table read or a sort\n\n" + string.Join("\n\n", wrong.Select(w => w.Statement + "\n" + w.Plan)));
    }

    private async Task<IReadOnlyList<(string Statement, string Plan)>> PlansOfAsync(Func<Task<HttpResponseMessage>> request)
    {
        _factory.Sql.Clear();
        var response = await request();
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), await response.Content.ReadAsStringAsync());
        return await ExplainAsync(_factory.Sql.Commands);
    }

    /// <summary>Every statement's plan, asked with the values of the parameters it names.</summary>
    private async Task<IReadOnlyList<(string Statement, string Plan)>> ExplainAsync(IEnumerable<RecordedCommand> commands)
    {
        await using var connection = new NpgsqlConnection(_factory.Database.ConnectionString);
        await connection.OpenAsync();
        var plans = new List<(string, string)>();
        foreach (var command in commands)
        {
            foreach (var statement in StatementSeparator().Split(command.Sql).Select(s => s.Trim()).Where(IsExplainable))
            {
                await using var explain = new NpgsqlCommand("EXPLAIN " + statement, connection);
                foreach (var (name, value) in command.Parameters)
                {
                    if (Regex.IsMatch(statement, Regex.Escape(name) + @"\b"))
                        explain.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                }
                var lines = new List<string>();
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
                plans.Add((statement, string.Join('\n', lines)));
            }
        }
        return plans;
    }

    private static bool IsExplainable(string statement) =>
        new[] { "SELECT", "WITH", "INSERT", "UPDATE", "DELETE" }.Any(k => statement.StartsWith(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Copies every row of <paramref name="table"/> into as many rows as make about
    /// <see cref="Volume"/>, through the model's columns (the identity left to the table), each
    /// column copied as is unless <paramref name="overrides"/> gives it an expression of the copy's
    /// number <c>g</c> and the original row <c>t</c>.
    /// </summary>
    private async Task MultiplyAsync(NpgsqlConnection connection, string table, Dictionary<string, string> overrides)
    {
        var columns = await _factory.QueryAsync(db => Task.FromResult(
            db.Model.GetRelationalModel().Tables.Single(t => t.Name == table).Columns.Select(c => c.Name).Where(c => c != "Id").ToList()));
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        var rows = (long)(await count.ExecuteScalarAsync())!;
        Assert.That(rows, Is.GreaterThan(0), $"the scenario wrote {table}");
        var copies = (int)Math.Ceiling(Volume / (double)rows);
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var e) ? e : $"t.\"{c}\""));
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO \"{table}\" ({list}) SELECT {values} FROM \"{table}\" t CROSS JOIN generate_series(1, {copies}) g", connection) { CommandTimeout = 300 };
        await insert.ExecuteNonQueryAsync();
    }

    private async Task KeyedAsync(string url, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, body.GetType()) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await _ws.Admin.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> KeyedTwiceAsync(string url, object body)
    {
        var key = Guid.NewGuid().ToString();
        await KeyedAsync(url, key, body);
        using var again = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, body.GetType()) };
        again.Headers.Add("Idempotency-Key", key);
        return await _ws.Admin.Client.SendAsync(again);
    }

    [GeneratedRegex("Seq Scan on \"?(AuditEntries|WorkflowVersions|IdempotencyRecords)\"?")]
    private static partial Regex SeqScanOnBigTable();

    [GeneratedRegex(@"(^|\s|>)Sort\s")]
    private static partial Regex SortNode();

    [GeneratedRegex(@";\s*\r?\n")]
    private static partial Regex StatementSeparator();
}
