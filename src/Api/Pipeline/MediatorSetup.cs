using Workflows.Application.Common.Behaviours;
using Workflows.Application.Workflows.Commands.CreateWorkflow;

namespace Workflows.Api.Pipeline;

public static class MediatorSetup
{
    /// <summary>
    /// The mediator (source-generated here, in the host) and its behaviours, in order. Telemetry
    /// outermost (a span and a duration around all the rest); then validation (bad input never
    /// reaches a query), then the gates of scope, membership and role; then
    /// the Idempotency-Key of an idempotent command (claimed before its transaction opens); then
    /// the transaction of a [Transactional] request, inside which its audit trail is kept,
    /// authority on the workflow is checked and the handler runs. The idempotency, transaction and
    /// audit behaviours take commands only (a generic constraint), so reads skip them entirely.
    /// docs/architecture.md gives the order's reasons.
    /// </summary>
    public static IServiceCollection AddMediatorPipeline(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CreateWorkflowCommand)];
            options.PipelineBehaviors =
            [
                typeof(TelemetryBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(IdempotencyBehaviour<,>),
                typeof(TransactionBehaviour<,>),
                typeof(AuditBehaviour<,>),
                typeof(WorkflowAuthorityBehaviour<,>),
            ];
        });
}
