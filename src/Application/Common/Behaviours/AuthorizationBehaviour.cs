using System.Reflection;

namespace Workflows.Application.Common.Behaviours;

/// <summary>
/// The gates that come before any handler: a caller, the scope the request needs (its token's
/// <c>workflows:*</c> scope), and, for a workspace request, membership of that workspace (and the
/// admin role where the request declares <see cref="RequiresAdminRoleAttribute"/>). A stranger and
/// a workspace that does not exist get the same 404. Authority on a particular workflow comes
/// next, in <see cref="WorkflowAuthorityBehaviour{TMessage, TResponse}"/>.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(
    ICurrentUser user,
    IMembershipLookup memberships,
    CurrentMember currentMember)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly RequiresScopeAttribute? Scope = typeof(TMessage).GetCustomAttribute<RequiresScopeAttribute>();
    private static readonly bool NeedsAdminRole = typeof(TMessage).IsDefined(typeof(RequiresAdminRoleAttribute));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Scope is null)
            throw new InvalidOperationException($"{typeof(TMessage).Name} declares no [RequiresScope]; refusing to run it.");
        if (user.ObjectId is null) throw new UnauthenticatedException();
        if (!Scopes.Allow(user.Permissions, Scope.Scope)) throw new InsufficientScopeException(Scope.Scope);

        if (message is IWorkspaceRequest request)
        {
            var member = await memberships.FindAsync(user.ObjectId, request.WorkspaceUuid, cancellationToken)
                ?? throw NotFoundException.Workspace();
            if (NeedsAdminRole && !member.IsWorkspaceAdmin)
                throw new AccessDeniedException("This operation needs the workspace role 'admin'.");
            currentMember.Set(member);
        }

        return await next(message, cancellationToken);
    }
}
