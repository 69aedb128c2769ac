using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Idempotency;

/// <summary>
/// Deletes the keys older than their 24 hours, every <see cref="IdempotencyOptions.SweepInterval"/>,
/// at most <see cref="IdempotencyOptions.SweepBatchSize"/> rows a statement (each statement a
/// short write, by the index on <c>CreatedAt</c>), so that keys never used again do not pile up.
/// A key still held by a running request is left alone.
/// </summary>
public sealed class IdempotencySweeper(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var swept = await SweepAsync(stoppingToken);
                    if (swept > 0) logger.LogInformation("Swept {Count} expired idempotency keys", swept);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Sweeping expired idempotency keys failed; the next try is in {Interval}", options.Value.SweepInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: deletes every expired key, a batch a statement; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = now - IdempotencyOptions.Lifetime;
        var batch = options.Value.SweepBatchSize;
        var total = 0;
        while (true)
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var deleted = await db.IdempotencyRecords
                .Where(r => r.CreatedAt < expired && (r.Completed || r.LeaseExpiresAt < now))
                .Take(batch)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batch) return total;
        }
    }
}
