using System.Linq.Expressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Idempotency;

/// <summary>
/// Deletes the keys older than their 24 hours, every <see cref="IdempotencyOptions.SweepInterval"/>,
/// <see cref="IdempotencyOptions.SweepBatchSize"/> at a time (found by the index on
/// <c>CreatedAt</c>), so that keys never used again do not pile up. A key still held by a running
/// request is left alone.
/// </summary>
public sealed class IdempotencySweeper(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencySweeper> logger) : RetentionSweeper<IdempotencyRecord>(scopes, clock, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override int BatchSize => options.Value.SweepBatchSize;

    protected override string Rows => "expired idempotency keys";

    protected override Expression<Func<IdempotencyRecord, bool>> Expired(DateTime now)
    {
        var createdBefore = now - IdempotencyOptions.Lifetime;
        return r => r.CreatedAt < createdBefore && (r.Completed || r.LeaseExpiresAt < now);
    }

    protected override Expression<Func<IdempotencyRecord, DateTime>> Age => r => r.CreatedAt;
}
