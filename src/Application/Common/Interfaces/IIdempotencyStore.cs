namespace Workflows.Application.Common.Interfaces;

/// <summary>Whose key it is: the caller (the token's <c>oid</c>) in one workspace (by its id, not by how a URL spelled its uuid).</summary>
public sealed record IdempotencyScope(long WorkspaceId, string CallerId);

/// <summary>A request's hold on a key, for a short lease; its token guards every later write of the key.</summary>
public sealed record IdempotencyLease(long RecordId, Guid Token);

public enum IdempotencyClaimState
{
    /// <summary>The key is this request's to use (new, forgotten, or left by a request that died): <see cref="IdempotencyClaim.Lease"/>.</summary>
    Reserved,

    /// <summary>An earlier request with the key and the same fingerprint is done: <see cref="IdempotencyClaim.Result"/> is its result.</summary>
    Completed,

    /// <summary>An earlier request with the key is still running (its lease has not run out).</summary>
    InProgress,

    /// <summary>The key was used for a request with another fingerprint.</summary>
    UsedForAnotherRequest,
}

public sealed record IdempotencyClaim(IdempotencyClaimState State, IdempotencyLease? Lease = null, string? Result = null);

/// <summary>
/// Idempotency keys, kept in the database (not in one process's memory) per caller and workspace
/// for 24 hours. A request holds its key for a short lease; its outcome is written in the
/// transaction of its effect, so that a key is either done (with its result) or never used.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Looks the key up and, when no other request holds it, reserves it for this one. Runs on a
    /// connection of its own and commits at once: call it before the request's transaction opens.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(IdempotencyScope scope, string key, string fingerprint, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the result in the request's open transaction; false when the lease was lost (another
    /// request took the key over), and then the transaction must not commit.
    /// </summary>
    Task<bool> CompleteAsync(IdempotencyLease lease, string result, CancellationToken cancellationToken);

    /// <summary>Frees the key after a request that did not succeed, so that a retry can run; only while the lease is still this request's.</summary>
    Task ReleaseAsync(IdempotencyLease lease, CancellationToken cancellationToken);
}
