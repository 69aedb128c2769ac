namespace Workflows.Application.Common.Interfaces;

/// <summary>A response kept so that a retried POST with the same Idempotency-Key gets it again.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, string? ETag, string Body);

/// <summary>What the store knows of a key: the request it was first used with, and its response once there is one.</summary>
public sealed record IdempotentRequest(string RequestHash, StoredResponse? Response);

/// <summary>
/// Idempotency keys, kept in the database (not in one process's memory) per caller and workspace
/// for 24 hours.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotentRequest?> FindAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Claims the key for a request; false when another request holds it already.</summary>
    Task<bool> TryReserveAsync(string scope, string key, string requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Frees the key after a request that did not succeed, so that a retry can.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken);
}
