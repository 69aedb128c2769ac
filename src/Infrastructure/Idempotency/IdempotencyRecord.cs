namespace Workflows.Infrastructure.Idempotency;

/// <summary>
/// One use of an Idempotency-Key: whose it is, the request's fingerprint, the lease of the request
/// that holds it and, once done, the handler's result.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>The workspace the key was used in (its id: the same however a URL spelled its uuid).</summary>
    public long WorkspaceId { get; set; }

    /// <summary>The caller's object id (<c>oid</c>).</summary>
    public string CallerId { get; set; } = null!;

    public string Key { get; set; } = null!;
    public string RequestHash { get; set; } = null!;
    public bool Completed { get; set; }

    /// <summary>The handler's result as JSON, once <see cref="Completed"/>.</summary>
    public string? Result { get; set; }

    /// <summary>Changes whenever a request claims the key; every write of the key is guarded by the token its writer claimed it with.</summary>
    public Guid LeaseToken { get; set; }

    /// <summary>Until when the request that claimed the key holds it; null once completed.</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>When the key was first used: it is forgotten 24 hours later.</summary>
    public DateTime CreatedAt { get; set; }
}
