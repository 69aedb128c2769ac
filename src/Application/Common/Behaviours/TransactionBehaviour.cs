namespace Workflows.Application.Common.Behaviours;

/// <summary>
/// Opens one transaction around a <see cref="TransactionalAttribute"/> request (as eShop's
/// Ordering <c>TransactionBehavior</c> does): the workflow authority check and the handler run in
/// it, with the provider's execution strategy, so a transient failure retries the whole request
/// and any failure leaves every row as it was. Requests without the attribute pass straight
/// through, and so does a request sent while a transaction is open (it joins that one).
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(ITransactions transactions)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private static readonly bool Transactional = typeof(TMessage).IsDefined(typeof(TransactionalAttribute), inherit: false);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!Transactional || transactions.IsActive) return await next(message, cancellationToken);
        return await transactions.RunAsync(async ct => await next(message, ct), cancellationToken);
    }
}
