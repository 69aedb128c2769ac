using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workflows.Application.Common.Telemetry;

namespace Workflows.Api.Telemetry;

public static class TelemetrySetup
{
    /// <summary>The service's name in traces and metrics unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "workflows-api";

    /// <summary>The standard variables that turn export on: the endpoint of every signal, or of one.</summary>
    public static readonly string[] EndpointSettings =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>
    /// OpenTelemetry, exporting over OTLP, when an OTLP endpoint is configured (the standard
    /// variables: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> grpc or
    /// http/protobuf, <c>OTEL_EXPORTER_OTLP_HEADERS</c>, the signal-specific ones…). Without one
    /// nothing is registered: no span is recorded, no instrument measures, nothing is exported.
    /// </summary>
    public static IServiceCollection AddWorkflowsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!ExportConfigured(configuration)) return services;
        services.AddOpenTelemetry().WithWorkflowsSignals(configuration).UseOtlpExporter();
        return services;
    }

    public static bool ExportConfigured(IConfiguration configuration) =>
        EndpointSettings.Any(setting => !string.IsNullOrWhiteSpace(configuration[setting]));

    /// <summary>
    /// What the service reports, whatever it is exported to: the service's resource; spans of
    /// HTTP requests (ASP.NET Core, health probes left out), of mediator requests
    /// (<see cref="WorkflowsTelemetry.Source"/>) and of database commands (EF Core); the ASP.NET
    /// Core metrics (<c>http.server.request.duration</c>…) and the service's own
    /// (<see cref="WorkflowsTelemetry.Meter"/>).
    /// </summary>
    public static OpenTelemetryBuilder WithWorkflowsSignals(this OpenTelemetryBuilder builder, IConfiguration configuration) =>
        builder
            .ConfigureResource(resource => resource.AddService(ServiceName(configuration)))
            .WithTracing(tracing => tracing
                .AddSource(WorkflowsTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(WorkflowsTelemetry.Name)
                .AddAspNetCoreInstrumentation());

    private static string ServiceName(IConfiguration configuration) =>
        configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
}
