using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Audit;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Audit;

/// <summary>
/// Appends a request's audit entries: one statement adds their count to the workspace's counter
/// row (creating it on the workspace's first entry) and answers the new last number and time; one
/// inserts the entries with the numbers before it.
/// </summary>
/// <remarks>
/// <para>
/// Why sequence order is commit order (what lets a reader follow the log by its last sequence
/// number and miss nothing): the counter statement takes the counter row's write lock, and the
/// transaction holds it to its commit, which follows at once (this is its last step). A second
/// writer in the same workspace waits at that statement until the first has committed, and only
/// then reads the counter (PostgreSQL's <c>ON CONFLICT DO UPDATE</c> and SQL Server's
/// <c>MERGE … HOLDLOCK</c> act on the latest committed row; SQLite has one writer at a time). So a
/// larger number always commits after every smaller one of its workspace, and a reader that sees
/// number n committed sees every number below it. Identity ids give no such promise: one is taken
/// at insert, and an earlier id may commit later.
/// </para>
/// <para>
/// Why times never go down as numbers go up: the same statement keeps the latest time given out
/// (<see cref="AuditCounter.LastAt"/>), and the request's entries take the later of it and the time
/// they were recorded. Recording times alone would not do: two requests record, then queue at the
/// counter in either order, and instances' clocks differ. With it, the entries in a time range are
/// a range of sequence numbers, which is how the list reads <c>from</c> and <c>to</c> by index.
/// </para>
/// </remarks>
internal sealed class AuditLog(WorkflowsDbContext db) : IAuditLog
{
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        var workspaceId = entries[0].WorkspaceId;
        if (entries.Any(e => e.WorkspaceId != workspaceId))
            throw new InvalidOperationException("A request's audit entries belong to one workspace.");
        var recordedAt = entries.Max(e => e.At);
        var (last, at) = await NextAsync(workspaceId, entries.Count, recordedAt, cancellationToken);
        // The counter answers the later of its time and ours; should a database round what it
        // stores below what it was given, the entries keep their own time, never an earlier one.
        if (at < recordedAt) at = recordedAt;
        for (var i = 0; i < entries.Count; i++) entries[i].Place(last - entries.Count + 1 + i, at);
        db.Set<AuditEntry>().AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Takes <paramref name="count"/> numbers; answers the last of them and the entries' time.</summary>
    private async Task<(long Last, DateTime At)> NextAsync(long workspaceId, int count, DateTime recordedAt, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsSqlServer()
            ? """
              MERGE [AuditCounters] WITH (HOLDLOCK) AS c
              USING (SELECT {0} AS [WorkspaceId], {1} AS [Count], {2} AS [At]) AS n ON c.[WorkspaceId] = n.[WorkspaceId]
              WHEN MATCHED THEN UPDATE SET [LastSequence] = c.[LastSequence] + n.[Count],
                  [LastAt] = CASE WHEN c.[LastAt] > n.[At] THEN c.[LastAt] ELSE n.[At] END
              WHEN NOT MATCHED THEN INSERT ([WorkspaceId], [LastSequence], [LastAt]) VALUES (n.[WorkspaceId], n.[Count], n.[At])
              OUTPUT inserted.[LastSequence], inserted.[LastAt];
              """
            : """
              INSERT INTO "AuditCounters" ("WorkspaceId", "LastSequence", "LastAt") VALUES ({0}, {1}, {2})
              ON CONFLICT ("WorkspaceId") DO UPDATE SET "LastSequence" = "AuditCounters"."LastSequence" + excluded."LastSequence",
                  "LastAt" = CASE WHEN "AuditCounters"."LastAt" > excluded."LastAt" THEN "AuditCounters"."LastAt" ELSE excluded."LastAt" END
              RETURNING "LastSequence", "LastAt"
              """;
        var rows = await db.Database.SqlQueryRaw<CounterPosition>(sql, workspaceId, (long)count, recordedAt).ToListAsync(cancellationToken);
        var row = rows.Single();
        return (row.LastSequence, DateTime.SpecifyKind(row.LastAt, DateTimeKind.Utc));
    }

    private sealed class CounterPosition
    {
        public long LastSequence { get; set; }
        public DateTime LastAt { get; set; }
    }
}
