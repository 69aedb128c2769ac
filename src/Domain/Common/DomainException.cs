namespace Workflows.Domain.Common;

/// <summary>
/// A broken business rule. Its code (<see cref="ErrorCodes"/>) is the stable, machine-readable
/// name that callers see in the problem response; the message is written for people.
/// </summary>
public abstract class DomainException(ErrorCode error, string message) : CodedException(error, message);

/// <summary>The request asks for something the rules forbid outright (HTTP 400).</summary>
public class RuleViolationException(ErrorCode error, string message, string? field = null)
    : DomainException(error, message)
{
    /// <summary>The request field at fault, when there is one.</summary>
    public string? Field { get; } = field;
}

/// <summary>The request collides with the current state of the workspace (HTTP 409).</summary>
public class ConflictException(ErrorCode error, string message) : DomainException(error, message);

/// <summary>The caller is known but may not do this (HTTP 403).</summary>
public class AccessDeniedException(string message) : DomainException(ErrorCodes.AccessDenied, message);
