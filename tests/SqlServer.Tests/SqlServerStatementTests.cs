using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Infrastructure.Audit;
using Workflows.Infrastructure.History;
using Workflows.Infrastructure.Idempotency;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// Every statement the service sends to SQL Server is T-SQL. The real service is hosted twice: on
/// SQLite, and on SQL Server's provider without a server (<see cref="LockStep"/>). A scenario that
/// calls every endpoint (and the start-up data step and the idempotency sweep) runs on both in
/// step, so the SQL Server host takes every path the SQLite host took, with the same rows; every
/// command it sent, as SQL Server's provider wrote it, is then parsed with Microsoft's parser.
/// </summary>
public class SqlServerStatementTests
{
    private LockStep _lockStep = null!;
    private SqliteTwin _sqlite = null!;
    private SqlServerTwin _sqlServer = null!;
    private IReadOnlyList<string> _startUp = null!;

    [OneTimeSetUp]
    public void StartBothHosts()
    {
        _lockStep = new LockStep { Script = StartUpScript.Respond };
        _sqlite = new SqliteTwin(_lockStep);
        _sqlServer = new SqlServerTwin(_lockStep);
        _ = _sqlite.Server;
        CompiledQueries.Forget();
        _ = _sqlServer.Server;
        _startUp = _lockStep.SqlServerCommands;
        _lockStep.Paired = true;
    }

    [OneTimeTearDown]
    public void StopBothHosts()
    {
        _sqlite.Dispose();
        _sqlServer.Dispose();
    }

    [Test]
    public void The_start_up_statements_parse_as_TSql()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_startUp.Any(c => c.Contains("[__EFMigrationsHistory]", StringComparison.Ordinal)), "the applied migrations are read");
            Assert.That(_startUp.Count(c => c.TrimStart().StartsWith("UPDATE", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(5),
                "the data step parks and rewrites workflow names, inbox keys and template names");
            Assert.That(_startUp.Any(c => c.Contains("DELETE", StringComparison.Ordinal) && c.Contains("[Inboxes]", StringComparison.Ordinal)), "the data step merges inboxes");
            Assert.That(_startUp.Any(c => c.Contains("DELETE FROM \"PendingDataSteps\"", StringComparison.Ordinal)), "the data step removes its marker");
        });
        AssertParse(_startUp);
    }

    [Test]
    public async Task Every_statement_of_every_endpoint_parses_as_TSql()
    {
        var twins = new Twins(_lockStep, _sqlite, _sqlServer);
        var before = _lockStep.SqlServerCommands.Count;
        await new Scenario(twins).RunAsync();
        await twins.RunOnBothAsync("idempotency sweep", services => services.GetRequiredService<IdempotencySweeper>().SweepAsync(CancellationToken.None));
        // The audit sweep on a clock years ahead, so that every entry is due and each statement of a batch is sent.
        await twins.RunOnBothAsync("audit sweep", services => new AuditSweeper(
            services.GetRequiredService<IServiceScopeFactory>(), new Workflows.TestSupport.FixedClock(DateTimeOffset.UtcNow.AddYears(5)),
            Options.Create(new HistoryOptions()), NullLogger<AuditSweeper>.Instance).SweepAsync(CancellationToken.None));

        var sent = _lockStep.SqlServerCommands.Skip(before).ToList();
        var distinct = sent.Distinct(StringComparer.Ordinal).ToList();
        TestContext.Out.WriteLine($"{twins.Requests} requests in step; {sent.Count} SQL Server commands, {distinct.Count} distinct statements.");

        Assert.That(CompiledQueries.Count, Is.GreaterThanOrEqualTo(5), "the compiled queries are found (and so compiled by each host's provider)");
        Assert.That(distinct, Has.Count.GreaterThanOrEqualTo(100), "the scenario reached the statements of every endpoint");
        Assert.Multiple(() =>
        {
            foreach (var (what, needle) in Kinds)
                Assert.That(distinct.Any(s => s.Contains(needle, StringComparison.Ordinal)), $"{what} ({needle}) is among the statements");
        });
        AssertParse(distinct);
    }

    /// <summary>Each kind of statement the service sends, by a piece of SQL Server's text only it has.</summary>
    private static readonly (string What, string Needle)[] Kinds =
    [
        ("SaveChanges' inserts", "OUTPUT INSERTED"),
        ("SaveChanges' updates and deletes checked by their row count", "OUTPUT 1"),
        ("SaveChanges' savepoint", "SAVE TRANSACTION"),
        ("the workspace's row lock", "[w].[Name] = [w].[Name]"),
        ("members' row locks", "[m].[DisplayName] = [m].[DisplayName]"),
        ("a phone number's row lock", "[p].[Label] = [p].[Label]"),
        ("an inbox's row lock", "[i].[Label] = [i].[Label]"),
        ("a workflow's row lock", "[w].[Version] = [w].[Version]"),
        ("the set-based insert of tasks", "INSERT INTO [Tasks] ("),
        ("the set-based insert of transitions", "INSERT INTO [TaskTransitions] ([FromTaskId], [ToTaskId]) VALUES"),
        ("ExecuteUpdate moving versions", "[w].[Version] + CAST(1 AS bigint)"),
        ("an idempotency key's claim", "INSERT INTO [IdempotencyRecords]"),
        ("the idempotency sweep's batch", "ORDER BY [i].[CreatedAt]"),
        ("the audit sweep's batch", "ORDER BY [a].[At]"),
        ("a sweep's delete by ids", "[Id] IN ("),
        ("the audit counter", "MERGE [AuditCounters] WITH (HOLDLOCK)"),
        ("paged reads", "SELECT TOP("),
    ];

    private static void AssertParse(IEnumerable<string> statements)
    {
        var failures = statements
            .Select(s => (Sql: s, Errors: TransactSql.ErrorsIn(s)))
            .Where(x => x.Errors.Count > 0)
            .Select(x => $"{string.Join("\n", x.Errors)}\n--- in ---\n{x.Sql}")
            .ToList();
        Assert.That(failures, Is.Empty, "statements SQL Server would refuse");
    }
}
