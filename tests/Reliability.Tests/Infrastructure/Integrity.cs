using Microsoft.EntityFrameworkCore;
using Workflows.Domain.Members;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>
/// What must hold of the database whatever was asked of the service: SQLite's own checks (on SQLite), and
/// the product's invariants that no foreign key states (the tenant boundary, one start task, and so on).
/// </summary>
public static class Integrity
{
    /// <summary>Each check that must count zero rows, by what it finds.</summary>
    private static readonly (string Finds, string Sql)[] ZeroRowChecks =
    [
        ("tasks whose workflow is missing",
            """SELECT COUNT(*) FROM "Tasks" t LEFT JOIN "Workflows" w ON w."Id" = t."WorkflowId" WHERE w."Id" IS NULL"""),
        ("transitions between tasks of different workflows",
            """SELECT COUNT(*) FROM "TaskTransitions" tr JOIN "Tasks" a ON a."Id" = tr."FromTaskId" JOIN "Tasks" b ON b."Id" = tr."ToTaskId" WHERE a."WorkflowId" <> b."WorkflowId" """),
        ("transitions from or to a missing task",
            """SELECT COUNT(*) FROM "TaskTransitions" tr LEFT JOIN "Tasks" a ON a."Id" = tr."FromTaskId" LEFT JOIN "Tasks" b ON b."Id" = tr."ToTaskId" WHERE a."Id" IS NULL OR b."Id" IS NULL"""),
        ("workflows with more than one start task",
            """SELECT COUNT(*) FROM (SELECT "WorkflowId" FROM "Tasks" WHERE "IsStart" GROUP BY "WorkflowId" HAVING COUNT(*) > 1) AS starts"""),
        ("workflows with more than 1,000 tasks",
            """SELECT COUNT(*) FROM (SELECT "WorkflowId" FROM "Tasks" GROUP BY "WorkflowId" HAVING COUNT(*) > 1000) AS oversized"""),
        ("workflows whose owner is missing or of another workspace",
            """SELECT COUNT(*) FROM "Workflows" w LEFT JOIN "Members" m ON m."Id" = w."OwnerId" WHERE m."Id" IS NULL OR m."WorkspaceId" <> w."WorkspaceId" """),
        ("workflows whose agent is of another workspace",
            """SELECT COUNT(*) FROM "Workflows" w JOIN "Members" m ON m."Id" = w."AgentId" WHERE m."WorkspaceId" <> w."WorkspaceId" """),
        ("workflows whose default phone number is of another workspace",
            """SELECT COUNT(*) FROM "Workflows" w JOIN "PhoneNumbers" p ON p."Id" = w."DefaultPhoneNumberId" WHERE p."WorkspaceId" <> w."WorkspaceId" """),
        ("workflows whose default inbox is of another workspace",
            """SELECT COUNT(*) FROM "Workflows" w JOIN "Inboxes" i ON i."Id" = w."DefaultInboxId" WHERE i."WorkspaceId" <> w."WorkspaceId" """),
        ("assignments linked to a workflow of another workspace",
            """SELECT COUNT(*) FROM "Assignments" a JOIN "Workflows" w ON w."Id" = a."WorkflowId" WHERE w."WorkspaceId" <> a."WorkspaceId" """),
        ("workflow names taken twice in a workspace",
            """SELECT COUNT(*) FROM (SELECT 1 FROM "Workflows" GROUP BY "WorkspaceId", "NormalizedName" HAVING COUNT(*) > 1) AS duplicates"""),
        ("idempotency keys still reserved by no running request",
            """SELECT COUNT(*) FROM "IdempotencyRecords" WHERE NOT "Completed" """),
    ];

    /// <summary>Every violation found; empty when the database is sound. Call it when no request is running.</summary>
    public static Task<List<string>> ViolationsAsync(WorkflowsApiFactory factory) => factory.QueryAsync(async db =>
    {
        var violations = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.IsSqlite())
            {
                // PostgreSQL enforces its foreign keys on every write; SQLite's file is checked here.
                var integrity = await RowsAsync(connection, "PRAGMA integrity_check");
                if (integrity is not ["ok"]) violations.Add($"PRAGMA integrity_check: {string.Join("; ", integrity)}");
                var foreignKeys = await RowsAsync(connection, "PRAGMA foreign_key_check");
                if (foreignKeys.Count > 0) violations.Add($"PRAGMA foreign_key_check: {string.Join("; ", foreignKeys)}");
            }
            foreach (var (finds, sql) in ZeroRowChecks)
            {
                var count = Convert.ToInt64((await RowsAsync(connection, sql)).Single(), System.Globalization.CultureInfo.InvariantCulture);
                if (count != 0) violations.Add($"{count} {finds}");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var withoutAdmin = await db.Workspaces.CountAsync(w => !db.Members.Any(m => m.WorkspaceId == w.Id && m.Role == MemberRole.Admin));
        if (withoutAdmin != 0) violations.Add($"{withoutAdmin} workspaces without an admin");
        return violations;
    });

    /// <summary>Each row's columns joined by commas.</summary>
    private static async Task<List<string>> RowsAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }
}
