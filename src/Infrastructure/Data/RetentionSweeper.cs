using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// A background sweep of one table whose rows expire: every <see cref="Interval"/> it deletes the
/// rows that <see cref="Expired"/> says have outlived their retention, oldest first, at most
/// <see cref="BatchSize"/> a batch, each batch a short write of its own. No request ever waits on
/// it for long, and a failed pass is logged and tried again at the next tick.
/// <para>
/// Each batch is two statements, both served by an index on every provider: the ids of the
/// oldest expired rows (by the index on <see cref="Age"/>, stopping after a batch), then a delete
/// of those ids (by the primary key) that checks <see cref="Expired"/> again, so a row that stopped
/// being expired in between (an idempotency key taken over by a retry) stays. A single
/// <c>DELETE … WHERE Id IN (SELECT … LIMIT n)</c> reads the same on SQLite, but PostgreSQL plans it
/// as a hash join over the whole table once the table is large.
/// </para>
/// </summary>
public abstract class RetentionSweeper<TRow>(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
    where TRow : class
{
    /// <summary>How often a pass runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>At most this many rows go in one batch.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>What the rows are, for the log: "expired idempotency keys".</summary>
    protected abstract string Rows { get; }

    /// <summary>Whether a row has outlived its retention at <paramref name="now"/> (UTC).</summary>
    protected abstract Expression<Func<TRow, bool>> Expired(DateTime now);

    /// <summary>The indexed time the expired rows are found and ordered by.</summary>
    protected abstract Expression<Func<TRow, DateTime>> Age { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var swept = await SweepAsync(stoppingToken);
                    if (swept > 0) logger.LogInformation("Swept {Count} {Rows}", swept, Rows);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Sweeping {Rows} failed; the next try is in {Interval}", Rows, Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: deletes every expired row, a batch at a time; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken, int? batch = null)
    {
        var size = batch ?? BatchSize;
        var expired = Expired(clock.GetUtcNow().UtcDateTime);
        var total = 0;
        while (true)
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var rows = db.Set<TRow>();
            var ids = await rows.Where(expired).OrderBy(Age)
                .Select(r => EF.Property<long>(r, "Id"))
                .Take(size)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0) return total;
            total += await rows.Where(expired)
                .Where(r => ids.Contains(EF.Property<long>(r, "Id")))
                .ExecuteDeleteAsync(cancellationToken);
            // Fewer than a batch found: nothing older is left (what expires meanwhile waits for the next pass).
            if (ids.Count < size) return total;
        }
    }
}
