using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Infrastructure.Idempotency;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>
/// The sweep of expired idempotency keys, one pass driven directly (on a clock of its own, a month
/// ahead): every key older than 24 hours goes, in statements of at most a batch each, read by
/// index; a key still held by a running request, and every younger key, stays.
/// </summary>
[NonParallelizable]
public sealed class IdempotencySweeperTests
{
    [Test]
    public async Task OnePass_DeletesTheExpiredKeys_InBoundedBatches_ByIndex_AndKeepsTheRest()
    {
        using var factory = new RecordingApiFactory();
        _ = factory.Server;
        var now = DateTimeOffset.UtcNow.AddDays(30);
        var at = now.UtcDateTime;
        var rows = new List<IdempotencyRecord>();
        IdempotencyRecord Record(string kind, int n, DateTime createdAt, bool completed, DateTime? leaseEnds) => new()
        {
            WorkspaceId = 1, CallerId = "caller", Key = $"{kind}-{n}", RequestHash = new string('0', 64),
            Completed = completed, Result = completed ? "{}" : null, LeaseToken = Guid.NewGuid(), LeaseExpiresAt = leaseEnds, CreatedAt = createdAt,
        };
        rows.AddRange(Enumerable.Range(0, 250).Select(n => Record("done-expired", n, at.AddHours(-25), true, null)));
        rows.AddRange(Enumerable.Range(0, 3).Select(n => Record("dead-expired", n, at.AddHours(-30), false, at.AddHours(-29))));
        rows.AddRange(Enumerable.Range(0, 2).Select(n => Record("running-expired", n, at.AddHours(-25), false, at.AddSeconds(10))));
        rows.AddRange(Enumerable.Range(0, 5).Select(n => Record("young", n, at.AddHours(-23), true, null)));
        var ages = rows.Select(r => (Kind: r.Key[..r.Key.LastIndexOf('-')], r.CreatedAt)).Distinct().ToList();
        await factory.QueryAsync(async db =>
        {
            db.IdempotencyRecords.AddRange(rows);
            return await db.SaveChangesAsync();
        });
        // Saving stamps CreatedAt with the service's clock: give each kind of key its age afterwards.
        foreach (var (kind, createdAt) in ages)
        {
            await factory.QueryAsync(db => db.IdempotencyRecords.Where(r => r.Key.StartsWith(kind + "-"))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, createdAt)));
        }

        var sweeper = new IdempotencySweeper(
            factory.Services.GetRequiredService<IServiceScopeFactory>(),
            new FixedClock(now),
            Options.Create(new IdempotencyOptions { SweepBatchSize = 100 }),
            NullLogger<IdempotencySweeper>.Instance);
        factory.Sql.Clear();
        var swept = await sweeper.SweepAsync(CancellationToken.None);

        var deletes = factory.Sql.Commands.Where(c => c.Sql.Contains("DELETE", StringComparison.Ordinal)).ToList();
        var left = await factory.QueryAsync(db => db.IdempotencyRecords.Select(r => r.Key).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(swept, Is.EqualTo(253), "the completed and the abandoned keys older than 24 hours");
            Assert.That(deletes, Has.Count.EqualTo(3), "100, 100 and 53 rows: one statement a batch");
            Assert.That(left.Order(), Is.EqualTo(rows.Where(r => r.Key.StartsWith("running", StringComparison.Ordinal) || r.Key.StartsWith("young", StringComparison.Ordinal))
                .Select(r => r.Key).Order()), "a key held by a running request and the younger keys stay");
        });
        if (!factory.Database.IsSqlite) return; // the plans are SQLite's (EXPLAIN QUERY PLAN)
        var plans = await QueryPlans.ExplainAsync(factory.DatabasePath, deletes);
        Assert.That(QueryPlans.FullScans(plans), Is.Empty, () => QueryPlans.Describe(plans));
    }
}
