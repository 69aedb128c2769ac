using Workflows.Domain.Common;

namespace Workflows.Domain.Templates;

/// <summary>A template would exceed <see cref="TemplateLimits"/> (HTTP 400, code <c>template_too_large</c>).</summary>
public sealed class TemplateTooLargeException(string message) : RuleViolationException(ErrorCodes.TemplateTooLarge, message);

/// <summary>The workspace has as many templates as it may (HTTP 409, code <c>template_limit_reached</c>).</summary>
public sealed class TemplateLimitReachedException() : ConflictException(ErrorCodes.TemplateLimitReached,
    $"The workspace already has {TemplateLimits.MaxPerWorkspace} templates, the most it may have.");
