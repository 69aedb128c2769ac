using Microsoft.EntityFrameworkCore;
using Workflows.Infrastructure.Data;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// What the SQL Server host's start reads, answered without a server: every migration applied, and
/// the <c>text-keys</c> data step pending over a workspace whose rows it must change (two workflow
/// names with one key, an inbox with a stale key and one that differs from it only in case, a
/// template with a stale key), so that every statement of <see cref="TextKeyRefresh"/> is sent.
/// </summary>
public static class StartUpScript
{
    public static Answer Respond(string kind, string text)
    {
        if (kind == Answer.ScalarKind && text.Contains("OBJECT_ID", StringComparison.Ordinal))
            return Scalar(1);
        if (kind == Answer.NonQuery) return new Answer(kind, [], 1, null, text);
        if (kind != Answer.Reader) throw new InvalidOperationException($"Unexpected {kind} at start:\n{text}");

        if (text.Contains("[__EFMigrationsHistory]", StringComparison.Ordinal))
            return Rows(text, ["MigrationId", "ProductVersion"], Migrations().Select(m => new object?[] { m, "10.0.15" }).ToArray());
        if (text.Contains("\"PendingDataSteps\"", StringComparison.Ordinal) || text.Contains("[PendingDataSteps]", StringComparison.Ordinal))
            return Rows(text, ["Value"], [1L]);
        if (text.Contains("FROM [Workspaces]", StringComparison.Ordinal))
            return Rows(text, ["Id"], [1L]);
        if (text.Contains("FROM [Workflows]", StringComparison.Ordinal))
            return Rows(text, ["Id", "Name", "NormalizedName"], [1L, "Refunds", "refunds"], [2L, "REFUNDS", "REFUNDS"]);
        if (text.Contains("FROM [Inboxes]", StringComparison.Ordinal))
            return Rows(text, ["Id", "Address", "AddressKey"], [1L, "help@example.test", "stale"], [2L, "HELP@example.test", "HELP@example.test"]);
        if (text.Contains("FROM [WorkspaceTemplates]", StringComparison.Ordinal))
            return Rows(text, ["Id", "Name", "NormalizedName"], [1L, "Onboarding", "stale"]);
        throw new InvalidOperationException($"Unexpected statement at start:\n{text}");
    }

    private static IReadOnlyList<string> Migrations()
    {
        using var context = new SqlServerWorkflowsDbContext(new DbContextOptionsBuilder<SqlServerWorkflowsDbContext>()
            .UseSqlServer(SqlServerTwin.ConnectionString).Options);
        return context.Database.GetMigrations().ToList();
    }

    private static Answer Scalar(object value) => new(Answer.ScalarKind, [], -1, value, "");

    private static Answer Rows(string text, string[] columns, params object?[][] rows) =>
        new(Answer.Reader, [new ResultSet(columns, [.. rows])], -1, null, text);
}
