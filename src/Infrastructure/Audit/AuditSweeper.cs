using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Domain.Audit;
using Workflows.Infrastructure.Data;
using Workflows.Infrastructure.History;

namespace Workflows.Infrastructure.Audit;

/// <summary>
/// Deletes the audit entries older than <see cref="HistoryOptions.AuditRetentionDays"/>, every
/// <see cref="HistoryOptions.SweepInterval"/>, at most <see cref="HistoryOptions.SweepBatchSize"/>
/// rows a statement (by the index on <c>At</c>). No request ever deletes an entry. The counter
/// rows stay, so a workspace's sequence numbers go on from where they were and a feed's cursor
/// stays good (it simply finds the oldest entries gone).
/// </summary>
public sealed class AuditSweeper(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<HistoryOptions> options,
    ILogger<AuditSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(HistoryOptions.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var swept = await SweepAsync(stoppingToken);
                    if (swept > 0) logger.LogInformation("Swept {Count} audit entries older than {Days} days", swept, options.Value.AuditRetentionDays);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Sweeping expired audit entries failed; the next try is in {Interval}", HistoryOptions.SweepInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: deletes every expired entry, a batch a statement; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken, int batch = HistoryOptions.SweepBatchSize)
    {
        var expired = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.AuditRetentionDays);
        var total = 0;
        while (true)
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var deleted = await db.Set<AuditEntry>()
                .Where(e => e.At < expired)
                .OrderBy(e => e.At)
                .Take(batch)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batch) return total;
        }
    }
}
