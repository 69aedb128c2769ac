namespace Workflows.Domain.Common;

/// <summary>
/// A broken business rule. <see cref="Code"/> is the stable, machine-readable name that callers
/// see in the problem response; the message is written for people.
/// </summary>
public abstract class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The request asks for something the rules forbid outright (HTTP 400).</summary>
public class RuleViolationException(string code, string message, string? field = null)
    : DomainException(code, message)
{
    /// <summary>The request field at fault, when there is one.</summary>
    public string? Field { get; } = field;
}

/// <summary>The request collides with the current state of the workspace (HTTP 409).</summary>
public class ConflictException(string code, string message) : DomainException(code, message);

/// <summary>The caller is known but may not do this (HTTP 403).</summary>
public class AccessDeniedException(string message) : DomainException("access_denied", message);
