namespace Workflows.Application.Common.Behaviours;

/// <summary>
/// Writes the audit entries of a <see cref="TransactionalAttribute"/> request in its transaction:
/// an entry commits with its change or not at all (a request that fails, rolls back or is replayed
/// from its Idempotency-Key writes none). Each attempt of the transaction starts with an empty
/// trail. A handler that returns without accounting for its change (<see cref="AuditTrail.Record"/>
/// or <see cref="AuditTrail.Unchanged"/>) fails the request: a write cannot go unaudited by
/// omission. The entries are appended as the transaction's very last step
/// (<see cref="ITransactions.LastBeforeCommit"/>), which is what makes the log's sequence follow
/// the commit order (see <see cref="IAuditLog"/>).
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(AuditTrail trail, IAuditLog log, ITransactions transactions)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private static readonly bool Transactional = typeof(TMessage).IsDefined(typeof(TransactionalAttribute), inherit: false);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!Transactional) return await next(message, cancellationToken);
        trail.Reset();
        var result = await next(message, cancellationToken);
        if (!trail.Accounted)
            throw new InvalidOperationException($"{typeof(TMessage).Name} changed the workspace without recording an audit entry (AuditTrail.Record) or saying it changed nothing (AuditTrail.Unchanged).");
        if (trail.Entries.Count > 0)
        {
            var entries = trail.Entries.ToList();
            transactions.LastBeforeCommit(commit => log.AppendAsync(entries, commit));
        }
        return result;
    }
}
