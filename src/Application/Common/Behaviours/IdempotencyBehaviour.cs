using Workflows.Application.Common.Telemetry;

namespace Workflows.Application.Common.Behaviours;

/// <summary>
/// Makes an <see cref="IIdempotentCommand"/> sent with an <c>Idempotency-Key</c> run at most once.
/// After the gates of scope and membership, and before any transaction opens, it claims the key
/// for the caller in the workspace: a key already done with the same request returns the stored
/// result without running the handler (the host shapes the same answer from it); a key used for
/// another request is a 422; a key held by a running request is a 409. Otherwise the key is
/// reserved for a short lease, and the rest of the pipeline runs in one transaction that also
/// writes the result, guarded by the lease: the effect and the key's outcome commit together or
/// not at all. A request that fails frees its key; one that dies leaves it to its lease.
/// </summary>
public sealed class IdempotencyBehaviour<TMessage, TResponse>(
    IdempotencyContext context,
    IIdempotencyStore store,
    ITransactions transactions,
    ICurrentUser user,
    CurrentMember member)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private static readonly KeyValuePair<string, object?> RequestTag = new(WorkflowsTelemetry.RequestTag, typeof(TMessage).Name);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IIdempotentCommand || !context.TryTake(out var key, out var fingerprint))
            return await next(message, cancellationToken);
        if (transactions.IsActive)
            throw new InvalidOperationException("An idempotent command claims its key before its transaction opens; it cannot be sent inside another one.");

        var scope = new IdempotencyScope(member.WorkspaceId, user.ObjectId!);
        // Not cancelled half-way: a reservation that committed while its caller went away would
        // otherwise be held by nobody until its lease ran out.
        var claim = await store.ClaimAsync(scope, key, fingerprint, CancellationToken.None);
        switch (claim.State)
        {
            case IdempotencyClaimState.Completed:
                context.Replayed = true;
                WorkflowsTelemetry.IdempotentReplays.Add(1, RequestTag);
                return IdempotentResults.Deserialize<TResponse>(claim.Result!);
            case IdempotencyClaimState.UsedForAnotherRequest:
                throw new IdempotencyKeyReusedException();
            case IdempotencyClaimState.InProgress:
                throw new IdempotencyRequestInProgressException();
        }

        var lease = claim.Lease!;
        try
        {
            return await transactions.RunAsync(async ct =>
            {
                var result = await next(message, ct);
                var outcome = IdempotentResults.Serialize(result);
                transactions.BeforeCommit(async commit =>
                {
                    // Another request took the key over after this one's lease ran out: it does
                    // the work now, so this one's effect must not commit.
                    if (!await store.CompleteAsync(lease, outcome, commit)) throw new IdempotencyRequestInProgressException();
                });
                return result;
            }, cancellationToken);
        }
        catch
        {
            await ReleaseAsync(lease);
            throw;
        }
    }

    /// <summary>Frees the key whatever became of the request (its caller may be gone); if even that fails, the lease runs out on its own.</summary>
    private async Task ReleaseAsync(IdempotencyLease lease)
    {
        try
        {
            await store.ReleaseAsync(lease, CancellationToken.None);
        }
#pragma warning disable CA1031 // the request's own failure is the one to report
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
