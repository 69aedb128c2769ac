using System.Reflection;

namespace Workflows.Application.Common.Behaviours;

/// <summary>
/// Authority on a workflow, for every <see cref="IWorkflowRequest"/>: reads what authority depends
/// on (the workflow's workspace, owner and role-access entries; one compiled, indexed query, never
/// the aggregate: <see cref="IWorkflowAuthorityLookup"/>), on the state before the request, and refuses (403) a caller with less than the
/// request declares. The handler runs only when the caller may do what the request asks, so
/// handlers and the aggregate do not check authority again.
/// </summary>
public sealed class WorkflowAuthorityBehaviour<TMessage, TResponse>(
    IWorkflowAuthorityLookup workflows,
    CurrentMember currentMember,
    CurrentWorkflow currentWorkflow)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly WorkflowAccess? Declared = typeof(TMessage).GetCustomAttribute<RequiresAuthorityAttribute>()?.Access;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IWorkflowRequest request)
        {
            if (Declared is not { } declared)
                throw new InvalidOperationException($"{typeof(TMessage).Name} declares no [RequiresAuthority]; refusing to run it.");

            var caller = currentMember.Member;
            var policy = await workflows.FindAsync(caller.WorkspaceId, request.Workflow, cancellationToken) ?? throw request.WorkflowNotFound();
            var needed = request is IRaisesAuthority raises ? Max(declared, raises.AuthorityNeeded(policy.Policy)) : declared;
            policy.Policy.Demand(caller, needed);
            currentWorkflow.Set(policy.Id, policy.Policy, policy.Policy.AccessFor(caller));
        }
        return await next(message, cancellationToken);
    }

    private static WorkflowAccess Max(WorkflowAccess a, WorkflowAccess b) => a >= b ? a : b;
}
