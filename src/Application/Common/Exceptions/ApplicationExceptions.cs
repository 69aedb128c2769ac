using FluentValidation.Results;

namespace Workflows.Application.Common.Exceptions;

/// <summary>One or more fields are invalid (HTTP 400 with <c>errors</c>).</summary>
public sealed class RequestValidationException : CodedException
{
    public RequestValidationException(IEnumerable<ValidationFailure> failures)
        : base(ErrorCodes.ValidationFailed, "One or more fields are invalid.")
    {
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    public RequestValidationException(string field, string message)
        : base(ErrorCodes.ValidationFailed, "One or more fields are invalid.")
    {
        Errors = new Dictionary<string, string[]> { [field] = [message] };
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>The resource does not exist, or the caller may not know it exists (HTTP 404).</summary>
public sealed class NotFoundException(string message) : CodedException(ErrorCodes.NotFound, message)
{
    public static NotFoundException Workspace() => new("The workspace does not exist, or you are not a member of it.");
    public static NotFoundException Workflow() => new("The workflow does not exist in this workspace.");
    public static NotFoundException Task() => new("The task does not exist in this workflow.");
    public static NotFoundException Member() => new("The member does not exist in this workspace.");
    public static NotFoundException Version(long version) =>
        new($"Version {version} of this workflow does not exist (never made, or older than the history keeps).");
}

/// <summary>The token lacks the scope the operation needs (HTTP 403).</summary>
public sealed class InsufficientScopeException(Scope needed)
    : CodedException(ErrorCodes.InsufficientScope, $"This operation needs the '{Scopes.Name(needed)}' scope.")
{
    public Scope Needed { get; } = needed;
}

/// <summary>No caller could be identified from the token (HTTP 401).</summary>
public sealed class UnauthenticatedException()
    : CodedException(ErrorCodes.Unauthenticated, "A valid bearer token with an 'oid' claim is required.");

/// <summary>An <c>If-Match</c> precondition failed: the resource changed since it was read (HTTP 412).</summary>
public sealed class PreconditionFailedException() : CodedException(
    ErrorCodes.PreconditionFailed,
    "The resource has changed since you read it (its ETag no longer matches If-Match). Read it again and retry.");

/// <summary>Two writes raced and this one lost; nothing was changed (HTTP 409, code <c>concurrent_update</c>).</summary>
public sealed class ConcurrentUpdateException() : ConflictException(ErrorCodes.ConcurrentUpdate,
    "Another request changed the resource at the same time. Nothing was changed; read it again and retry.");

/// <summary>The Idempotency-Key was first used for a different request (HTTP 422).</summary>
public sealed class IdempotencyKeyReusedException() : CodedException(
    ErrorCodes.IdempotencyKeyReused,
    "This Idempotency-Key was used for a different request. Use a new key for a new request.");

/// <summary>Another request with this Idempotency-Key holds it right now (HTTP 409).</summary>
public sealed class IdempotencyRequestInProgressException() : CodedException(
    ErrorCodes.IdempotencyRequestInProgress,
    "A request with this Idempotency-Key is still being processed. Retry shortly.");
