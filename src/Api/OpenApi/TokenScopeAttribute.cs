using Workflows.Application.Common.Security;

namespace Workflows.Api.OpenApi;

/// <summary>
/// The token scope an operation needs, as the document states it. Without the attribute, reads
/// (GET) need <c>workflows:read</c> and every other method <c>workflows:write</c>; put it on the
/// actions whose request asks for more (the request's <see cref="RequiresScopeAttribute"/> is what
/// the service enforces).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TokenScopeAttribute(Scope scope) : Attribute
{
    public Scope Scope { get; } = scope;
}
