namespace Workflows.Infrastructure.Idempotency;

/// <summary>One use of an Idempotency-Key: the request's fingerprint and, once done, its response.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>Who used the key where: the caller's object id and the workspace of the route.</summary>
    public string Scope { get; set; } = null!;

    public string Key { get; set; } = null!;
    public string RequestHash { get; set; } = null!;
    public bool Completed { get; set; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public string? Body { get; set; }
    public DateTime CreatedAt { get; set; }
}
