using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Workflows.Application.Common.Telemetry;

/// <summary>
/// The service's own spans and instruments, under one name (<see cref="Name"/>) for both the
/// <see cref="ActivitySource"/> and the <see cref="Meter"/>. They are plain System.Diagnostics
/// types: the host decides whether anything listens and where it goes. With no listener a span is
/// never started and an instrument records nothing.
/// </summary>
public static class WorkflowsTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Workflows";

    /// <summary>The tag naming the mediator request (e.g. <c>DeleteWorkflowCommand</c>).</summary>
    public const string RequestTag = "workflows.request";

    /// <summary>The standard tag naming what went wrong (an exception's type, a problem's code).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Spans, one per mediator request, named after the request's type.</summary>
    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>How long a mediator request takes, from the first behaviour to the handler's answer.</summary>
    public static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram(
        "workflows.handler.duration", "s", "Duration of mediator requests (validation, authorization, transaction and handler).",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    public static readonly Counter<long> WorkflowsCreated = Meter.CreateCounter<long>(
        "workflows.workflows.created", "{workflow}", "Workflows created (from a body or a template), counted when committed.");

    public static readonly Counter<long> WorkflowsCloned = Meter.CreateCounter<long>(
        "workflows.workflows.cloned", "{workflow}", "Workflows cloned, counted when committed.");

    public static readonly Counter<long> WorkflowsArchived = Meter.CreateCounter<long>(
        "workflows.workflows.archived", "{workflow}", "Workflows archived, counted when committed.");

    public static readonly Counter<long> WorkflowsUnarchived = Meter.CreateCounter<long>(
        "workflows.workflows.unarchived", "{workflow}", "Workflows unarchived, counted when committed.");

    public static readonly Counter<long> WorkflowsDeleted = Meter.CreateCounter<long>(
        "workflows.workflows.deleted", "{workflow}", "Workflows deleted, counted when committed.");

    public static readonly Counter<long> TasksCascadeDeleted = Meter.CreateCounter<long>(
        "workflows.tasks.cascade_deleted", "{task}", "Tasks deleted with their workflow (cascade=true), counted when committed.");

    public static readonly Counter<long> IdempotentReplays = Meter.CreateCounter<long>(
        "workflows.idempotency.replays", "{request}", "Requests answered from a stored result of the same Idempotency-Key, without running again.");

    public static readonly Counter<long> PreconditionFailures = Meter.CreateCounter<long>(
        "workflows.http.precondition_failed", "{response}", "412 answers: an If-Match that no longer matched.");

    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "workflows.http.conflicts", "{response}", "409 answers, tagged with the problem's code (error.type).");
}
