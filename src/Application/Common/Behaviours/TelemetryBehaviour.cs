using System.Diagnostics;
using Workflows.Application.Common.Telemetry;

namespace Workflows.Application.Common.Behaviours;

/// <summary>
/// The outermost behaviour: a span named after the request's type (e.g. <c>DeleteWorkflowCommand</c>)
/// around the rest of the pipeline and the handler, and the request's duration in
/// <see cref="WorkflowsTelemetry.HandlerDuration"/>. When nothing listens it adds nothing to the
/// request: no span is started, no clock is read.
/// </summary>
public sealed class TelemetryBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;
    private static readonly KeyValuePair<string, object?> RequestTag = new(WorkflowsTelemetry.RequestTag, RequestName);

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        WorkflowsTelemetry.HandlerDuration.Enabled || WorkflowsTelemetry.Source.HasListeners()
            ? ObserveAsync(message, next, cancellationToken)
            : next(message, cancellationToken);

    private static async ValueTask<TResponse> ObserveAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = WorkflowsTelemetry.Source.StartActivity(RequestName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            WorkflowsTelemetry.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, RequestTag);
            return response;
        }
        catch (Exception exception)
        {
            var errorType = exception.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error);
            activity?.SetTag(WorkflowsTelemetry.ErrorTypeTag, errorType);
            WorkflowsTelemetry.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, RequestTag, new(WorkflowsTelemetry.ErrorTypeTag, errorType));
            throw;
        }
    }
}
