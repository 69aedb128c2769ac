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

/// <summary>The caller must have the admin role in the request's workspace (the workspace role, not a token scope).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresAdminRoleAttribute : Attribute;

/// <summary>
/// The request's reads and writes form one database transaction, opened by the transaction
/// behaviour (after the scope, membership and role gates; around the authority check and the
/// handler). Invariants that span rows (the last admin, a delete that must match what was read)
/// belong inside it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TransactionalAttribute : Attribute;
