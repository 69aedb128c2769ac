using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>One step of SQLite's plan for a statement the service sent.</summary>
public sealed record PlanStep(string Statement, string Detail);

/// <summary>
/// Asks SQLite how it runs each recorded statement (<c>EXPLAIN QUERY PLAN</c>, with the same
/// parameter values) and names the steps that read a whole table: the cost that grows with the
/// database rather than with the rows a request touches.
/// </summary>
public static partial class QueryPlans
{
    public static async Task<IReadOnlyList<PlanStep>> ExplainAsync(string databasePath, IEnumerable<RecordedCommand> commands)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var steps = new List<PlanStep>();
        foreach (var command in commands)
        {
            foreach (var statement in Statements(command.Sql))
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + statement;
                foreach (var (name, value) in command.Parameters)
                {
                    if (statement.Contains(name, StringComparison.Ordinal))
                        explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    steps.Add(new PlanStep(statement, reader.GetString(3)));
            }
        }
        return steps;
    }

    /// <summary>
    /// The steps that scan a table of the service (directly or through an alias) from end to end,
    /// index or not: <c>SCAN t</c>, <c>SCAN t USING COVERING INDEX …</c>. A <c>SEARCH</c> is fine.
    /// </summary>
    public static IReadOnlyList<PlanStep> FullScans(IEnumerable<PlanStep> steps) =>
        steps.Where(s =>
        {
            var scan = ScanPattern().Match(s.Detail);
            if (!scan.Success) return false;
            var name = scan.Groups[1].Value;
            return Tables.Contains(name) || AliasesOfTables(s.Statement).Contains(name);
        }).ToList();

    /// <summary>The steps that sort rows in a temporary tree, reading every candidate before the first can be returned.</summary>
    public static IReadOnlyList<PlanStep> Sorts(IEnumerable<PlanStep> steps) =>
        steps.Where(s => s.Detail.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal)).ToList();

    public static string Describe(IEnumerable<PlanStep> steps) =>
        string.Join("\n\n", steps.GroupBy(s => s.Statement).Select(g => $"{g.Key}\n  -> {string.Join("\n  -> ", g.Select(s => s.Detail))}"));

    /// <summary>
    /// Every table of the model, read from it, so that a table added later is checked without
    /// anyone remembering to list it here.
    /// </summary>
    private static readonly HashSet<string> Tables = TablesOfTheModel();

    private static HashSet<string> TablesOfTheModel()
    {
        using var db = new SqliteWorkflowsDbContext(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The tables the plans are checked on (for a test that the list is whole).</summary>
    public static IReadOnlySet<string> CheckedTables => Tables;

    private static HashSet<string> AliasesOfTables(string sql) =>
        [.. AliasPattern().Matches(sql).Where(m => Tables.Contains(m.Groups[1].Value)).Select(m => m.Groups[2].Value)];

    private static IEnumerable<string> Statements(string sql) =>
        StatementSeparator().Split(sql).Select(s => s.Trim()).Where(s =>
            s.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || s.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || s.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^SCAN (\w+)")]
    private static partial Regex ScanPattern();

    [GeneratedRegex("\"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@";\s*\r?\n")]
    private static partial Regex StatementSeparator();
}
