using System.Linq.Expressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Domain.Audit;
using Workflows.Infrastructure.Data;
using Workflows.Infrastructure.History;

namespace Workflows.Infrastructure.Audit;

/// <summary>
/// Deletes the audit entries older than <see cref="HistoryOptions.AuditRetentionDays"/>, every
/// <see cref="HistoryOptions.SweepInterval"/>, <see cref="HistoryOptions.SweepBatchSize"/> at a
/// time (found by the index on <c>At</c>). No request ever deletes an entry. The counter rows
/// stay, so a workspace's sequence numbers go on from where they were and a feed's cursor stays
/// good (it simply finds the oldest entries gone).
/// </summary>
public sealed class AuditSweeper(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<HistoryOptions> options,
    ILogger<AuditSweeper> logger) : RetentionSweeper<AuditEntry>(scopes, clock, logger)
{
    protected override TimeSpan Interval => HistoryOptions.SweepInterval;

    protected override int BatchSize => HistoryOptions.SweepBatchSize;

    protected override string Rows => $"audit entries older than {options.Value.AuditRetentionDays} days";

    protected override Expression<Func<AuditEntry, bool>> Expired(DateTime now)
    {
        var writtenBefore = now.AddDays(-options.Value.AuditRetentionDays);
        return e => e.At < writtenBefore;
    }

    protected override Expression<Func<AuditEntry, DateTime>> Age => e => e.At;
}
