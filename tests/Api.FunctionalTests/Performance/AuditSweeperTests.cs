using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Infrastructure.Audit;
using Workflows.Infrastructure.History;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>
/// The retention sweep of the audit log, one pass driven directly on a clock of its own: every
/// entry older than the retention goes, in statements of at most a batch each, read by index; the
/// younger ones stay, and the workspace's numbering goes on after them.
/// </summary>
[NonParallelizable]
public sealed class AuditSweeperTests
{
    [Test]
    public async Task OnePass_DeletesTheExpiredEntries_InBoundedBatches_ByIndex_AndKeepsTheRest()
    {
        using var factory = new RecordingApiFactory();
        var ws = await TestWorkspace.CreateAsync(factory); // six entries
        for (var i = 0; i < 4; i++) await ws.CreateWorkflowAsync();
        var workspaceId = await factory.QueryAsync(db => db.Workspaces.Where(w => w.Uuid == ws.Uuid).Select(w => w.Id).SingleAsync());
        var now = DateTimeOffset.UtcNow;
        // The first seven entries are 31 days old, the other three a day old.
        await factory.QueryAsync(db => db.AuditEntries.Where(e => e.WorkspaceId == workspaceId && e.Sequence <= 7)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.At, now.UtcDateTime.AddDays(-31))));
        await factory.QueryAsync(db => db.AuditEntries.Where(e => e.WorkspaceId == workspaceId && e.Sequence > 7)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.At, now.UtcDateTime.AddDays(-1))));

        var sweeper = new AuditSweeper(
            factory.Services.GetRequiredService<IServiceScopeFactory>(),
            new FixedClock(now),
            Options.Create(new HistoryOptions { AuditRetentionDays = 30 }),
            NullLogger<AuditSweeper>.Instance);
        factory.Sql.Clear();
        var swept = await sweeper.SweepAsync(CancellationToken.None, batch: 3);
        var deletes = factory.Sql.Commands.Where(c => c.Sql.Contains("DELETE", StringComparison.Ordinal)).ToList();

        var left = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.WorkspaceId == workspaceId).Select(e => e.Sequence).OrderBy(s => s).ToListAsync());
        await ws.CreateWorkflowAsync();
        var next = (await ws.AuditEntriesAsync()).Select(e => e.Sequence).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(swept, Is.EqualTo(7));
            Assert.That(deletes, Has.Count.EqualTo(3), "3, 3 and 1 rows: one statement a batch");
            Assert.That(left, Is.EqualTo(new long[] { 8, 9, 10 }));
            Assert.That(next, Is.EqualTo(new long[] { 8, 9, 10, 11 }), "the numbering goes on");
        });
        if (!factory.Database.IsSqlite) return; // the plans are SQLite's (EXPLAIN QUERY PLAN)
        var plans = await QueryPlans.ExplainAsync(factory.DatabasePath, deletes);
        Assert.That(QueryPlans.FullScans(plans), Is.Empty, () => QueryPlans.Describe(plans));
    }
}
