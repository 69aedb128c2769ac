using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Audit;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Audit;

/// <summary>
/// Appends a request's audit entries: one statement adds their count to the workspace's counter
/// row (creating it on the workspace's first entry) and answers the new last number; one inserts
/// the entries with the numbers before it.
/// </summary>
/// <remarks>
/// Why sequence order is commit order (what lets a reader follow the log by its last sequence
/// number and miss nothing): the counter statement takes the counter row's write lock, and the
/// transaction holds it to its commit, which follows at once (this is its last step). A second
/// writer in the same workspace waits at that statement until the first has committed, and only
/// then reads the counter (PostgreSQL's <c>ON CONFLICT DO UPDATE</c> and SQL Server's
/// <c>MERGE … HOLDLOCK</c> act on the latest committed row; SQLite has one writer at a time). So a
/// larger number always commits after every smaller one of its workspace, and a reader that sees
/// number n committed sees every number below it. Identity ids give no such promise: one is taken
/// at insert, and an earlier id may commit later.
/// </remarks>
internal sealed class AuditLog(WorkflowsDbContext db) : IAuditLog
{
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        var workspaceId = entries[0].WorkspaceId;
        if (entries.Any(e => e.WorkspaceId != workspaceId))
            throw new InvalidOperationException("A request's audit entries belong to one workspace.");
        var last = await NextAsync(workspaceId, entries.Count, cancellationToken);
        for (var i = 0; i < entries.Count; i++) entries[i].Place(last - entries.Count + 1 + i);
        db.Set<AuditEntry>().AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<long> NextAsync(long workspaceId, int count, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsSqlServer()
            ? """
              MERGE [AuditCounters] WITH (HOLDLOCK) AS c
              USING (SELECT {0} AS [WorkspaceId], {1} AS [Count]) AS n ON c.[WorkspaceId] = n.[WorkspaceId]
              WHEN MATCHED THEN UPDATE SET [LastSequence] = c.[LastSequence] + n.[Count]
              WHEN NOT MATCHED THEN INSERT ([WorkspaceId], [LastSequence]) VALUES (n.[WorkspaceId], n.[Count])
              OUTPUT inserted.[LastSequence] AS [Value];
              """
            : """
              INSERT INTO "AuditCounters" ("WorkspaceId", "LastSequence") VALUES ({0}, {1})
              ON CONFLICT ("WorkspaceId") DO UPDATE SET "LastSequence" = "AuditCounters"."LastSequence" + excluded."LastSequence"
              RETURNING "LastSequence" AS "Value"
              """;
        var numbers = await db.Database.SqlQueryRaw<long>(sql, workspaceId, (long)count).ToListAsync(cancellationToken);
        return numbers.Single();
    }
}
