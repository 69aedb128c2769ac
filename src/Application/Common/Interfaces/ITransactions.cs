namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// Database transactions, for the transaction behaviour. Handlers never open one themselves: a
/// request that needs one declares <see cref="Security.TransactionalAttribute"/>.
/// </summary>
public interface ITransactions
{
    /// <summary>Whether a transaction is open already (a request sent from inside another one joins it).</summary>
    bool IsActive { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it returns and rolled back
    /// when it throws. On a transient database failure the whole of it runs again (the provider's
    /// execution strategy), from a clean change tracker. Inside an open transaction it joins that one.
    /// </summary>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Work to do inside the open transaction right before it commits (after the handler), so
    /// that it commits or rolls back with the request's effect: e.g. a record of the outcome.
    /// Once the work has returned, these steps and the commit run to their end even if the caller
    /// goes away (they are not given the request's cancellation).
    /// </summary>
    void BeforeCommit(Func<CancellationToken, Task> work);

    /// <summary>
    /// Work to do after every <see cref="BeforeCommit"/> step, right before the commit: for a step
    /// whose lock must be held for as short a time as possible, from the step to the commit (the
    /// audit log's sequence counter). Same rules as <see cref="BeforeCommit"/> otherwise.
    /// </summary>
    void LastBeforeCommit(Func<CancellationToken, Task> work);

    /// <summary>
    /// Work to do once the open transaction has committed (e.g. counting what the request did):
    /// dropped if it rolls back, or when an attempt is retried. It must not fail: the request's
    /// effect is committed by then.
    /// </summary>
    void AfterCommit(Action work);
}
