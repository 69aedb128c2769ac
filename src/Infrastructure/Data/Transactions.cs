using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// Transactions of the request's one <see cref="WorkflowsDbContext"/>, retried by its execution
/// strategy (the transaction behaviour opens them here).
/// </summary>
public sealed class Transactions(WorkflowsDbContext db) : ITransactions
{
    private readonly List<Func<CancellationToken, Task>> _beforeCommit = [];
    private readonly List<Func<CancellationToken, Task>> _lastBeforeCommit = [];
    private readonly List<Action> _afterCommit = [];

    public bool IsActive => db.Database.CurrentTransaction is not null;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // Inside an open transaction the work joins it, and commits (or retries) with it.
        if (IsActive) return await work(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        var attempt = 0;
        return await strategy.ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                // A retry starts again from what the database holds, not from the failed attempt.
                db.ChangeTracker.Clear();
                _beforeCommit.Clear();
                _lastBeforeCommit.Clear();
            }
            // What an attempt that did not commit left to do after its commit is dropped.
            _afterCommit.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            // The work is done: what remains is finished even if the caller has gone away, so
            // that the outcome does not depend on when a connection dropped.
            foreach (var step in _beforeCommit) await step(CancellationToken.None);
            _beforeCommit.Clear();
            foreach (var step in _lastBeforeCommit) await step(CancellationToken.None);
            _lastBeforeCommit.Clear();
            await transaction.CommitAsync(CancellationToken.None);
            foreach (var step in _afterCommit) step();
            _afterCommit.Clear();
            return result;
        }, cancellationToken);
    }

    public void BeforeCommit(Func<CancellationToken, Task> work)
    {
        if (!IsActive) throw new InvalidOperationException("No transaction is open: only a [Transactional] request can add work before its commit.");
        _beforeCommit.Add(work);
    }

    public void LastBeforeCommit(Func<CancellationToken, Task> work)
    {
        if (!IsActive) throw new InvalidOperationException("No transaction is open: only a [Transactional] request can add work before its commit.");
        _lastBeforeCommit.Add(work);
    }

    public void AfterCommit(Action work)
    {
        if (!IsActive) throw new InvalidOperationException("No transaction is open: only a [Transactional] request can add work after its commit.");
        _afterCommit.Add(work);
    }
}
