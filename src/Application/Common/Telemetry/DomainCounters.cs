using System.Diagnostics.Metrics;

namespace Workflows.Application.Common.Telemetry;

/// <summary>
/// Counts a request's effects once they are committed: a handler says what it did, and the count
/// is added after its transaction commits; a request that rolls back (or a retried attempt) counts
/// nothing. Only for [Transactional] requests.
/// </summary>
public sealed class DomainCounters(ITransactions transactions)
{
    public void Add(Counter<long> counter, long delta = 1)
    {
        if (!counter.Enabled || delta == 0) return;
        transactions.AfterCommit(() => counter.Add(delta));
    }
}
