namespace Workflows.Application.Common.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of the request being handled and what makes the request itself
/// (its fingerprint), put here by the host before it sends the command; and, afterwards, whether
/// the answer was a replay. Scoped: one per HTTP request.
/// </summary>
public sealed class IdempotencyContext
{
    private (string Key, string Fingerprint)? _pending;

    /// <summary>True once the command's result was the stored result of an earlier request with the key.</summary>
    public bool Replayed { get; internal set; }

    /// <summary>Makes the next <see cref="IIdempotentCommand"/> of this request idempotent under <paramref name="key"/>.</summary>
    public void Use(string key, string fingerprint) => _pending = (key, fingerprint);

    /// <summary>The key, once: a command sent from inside the handler does not reuse it.</summary>
    internal bool TryTake(out string key, out string fingerprint)
    {
        (key, fingerprint) = _pending ?? (null!, null!);
        var found = _pending is not null;
        _pending = null;
        return found;
    }
}

/// <summary>
/// A command that may be repeated with an <c>Idempotency-Key</c>: the first request's result is
/// kept (per caller and workspace) and returned again to a retry, without running the handler.
/// Its result must survive a round trip through JSON (<see cref="IdempotentResults"/>).
/// </summary>
public interface IIdempotentCommand : IWorkspaceRequest;
