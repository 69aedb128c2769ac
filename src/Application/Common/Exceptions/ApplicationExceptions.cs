using FluentValidation.Results;

namespace Workflows.Application.Common.Exceptions;

/// <summary>One or more fields are invalid (HTTP 400 with <c>errors</c>).</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IEnumerable<ValidationFailure> failures)
        : base("One or more fields are invalid.")
    {
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    public RequestValidationException(string field, string message)
        : base("One or more fields are invalid.")
    {
        Errors = new Dictionary<string, string[]> { [field] = [message] };
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>The resource does not exist, or the caller may not know it exists (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public static NotFoundException Workspace() => new("The workspace does not exist, or you are not a member of it.");
    public static NotFoundException Workflow() => new("The workflow does not exist in this workspace.");
    public static NotFoundException Task() => new("The task does not exist in this workflow.");
    public static NotFoundException Member() => new("The member does not exist in this workspace.");
}

/// <summary>The token lacks the scope the operation needs (HTTP 403).</summary>
public sealed class InsufficientScopeException(Scope needed)
    : Exception($"This operation needs the '{Scopes.Name(needed)}' scope.")
{
    public Scope Needed { get; } = needed;
}

/// <summary>No caller could be identified from the token (HTTP 401).</summary>
public sealed class UnauthenticatedException()
    : Exception("A valid bearer token with an 'oid' or 'sub' claim is required.");

/// <summary>An <c>If-Match</c> precondition failed: the resource changed since it was read (HTTP 412).</summary>
public sealed class PreconditionFailedException() : Exception(
    "The resource has changed since you read it (its ETag no longer matches If-Match). Read it again and retry.");

/// <summary>Two writes raced and this one lost; nothing was changed (HTTP 409, code <c>concurrent_update</c>).</summary>
public sealed class ConcurrentUpdateException() : ConflictException(
    "concurrent_update",
    "Another request changed the resource at the same time. Nothing was changed; read it again and retry.");

/// <summary>A workspace resource that workflows still name cannot go (HTTP 409, code <c>resource_in_use</c>).</summary>
public sealed class ResourceInUseException(string resource, int users) : ConflictException(
    "resource_in_use",
    $"The {resource} is the default of {users} workflow(s). Point them elsewhere first.");

/// <summary>The workspace already has this resource (HTTP 409, code <c>resource_exists</c>).</summary>
public sealed class ResourceExistsException(string resource) : ConflictException(
    "resource_exists", $"The workspace already has this {resource}.");
