namespace Workflows.Application.Common.Security;

/// <summary>
/// The token scope a request needs before its handler runs. Every request carries one; the
/// authorization behaviour refuses (fails closed on) a request that has none.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresScopeAttribute(Scope scope) : Attribute
{
    public Scope Scope { get; } = scope;
}

/// <summary>The caller must be an admin of the request's workspace.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresWorkspaceAdminAttribute : Attribute;
