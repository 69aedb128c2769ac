using Workflows.Domain.Common;

namespace Workflows.Domain.Resources;

/// <summary>A workspace resource that workflows still name cannot go (HTTP 409, code <c>resource_in_use</c>).</summary>
public sealed class ResourceInUseException(string resource, int users) : ConflictException(ErrorCodes.ResourceInUse,
    $"The {resource} is the default of {users} workflow(s). Point them elsewhere first.");

/// <summary>The workspace already has this resource (HTTP 409, code <c>resource_exists</c>).</summary>
public sealed class ResourceExistsException(string resource) : ConflictException(ErrorCodes.ResourceExists, $"The workspace already has this {resource}.");
