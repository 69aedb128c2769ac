using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Workflows.Api.FunctionalTests.Telemetry;

/// <summary>
/// The service with an OTLP endpoint (an in-process collector) and, beside the OTLP exporter, the
/// in-memory exporter, so that the spans and metrics it produces can be read. Listeners are
/// process-wide: these tests run alone, and look only at the spans of their own requests.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests
{
    private OtlpCollector _collector = null!;
    private TelemetryFactory _factory = null!;
    private TestWorkspace _ws = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _collector = new OtlpCollector();
        _factory = new TelemetryFactory(_collector.Endpoint);
        _ws = await TestWorkspace.CreateAsync(_factory);
        await DatabaseCommandsAreTracedAsync();
    }

    /// <summary>
    /// EF Core keeps its answer to "does anyone listen to my diagnostics?" for a moment, and other
    /// hosts in this process asked it before this one's tracer subscribed: wait until a request's
    /// commands are traced (a few seconds at most) before the tests look for them.
    /// </summary>
    private async Task DatabaseCommandsAreTracedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var traceId = ActivityTraceId.CreateRandom();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{_ws.Root}/workflows");
            request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            (await _ws.Admin.Client.SendAsync(request)).EnsureSuccessStatusCode();
            if ((await TraceAsync(traceId)).Any(s => s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal))) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("No database command was traced within 30 seconds of the start.");
            await Task.Delay(200);
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _factory.Dispose();
        _collector.Dispose();
    }

    [Test]
    public async Task CascadeDelete_IsARequestSpan_AboveItsHandlerSpan_AboveItsDatabaseCommands_AndCountsWhatItDeleted()
    {
        var (workflow, _, _, _) = await _ws.CreateWorkflowWithTasksAsync();
        var deletedBefore = Sum("workflows.workflows.deleted");
        var tasksBefore = Sum("workflows.tasks.cascade_deleted");
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{_ws.Root}/workflows/{workflow.Id}?cascade=true");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await _ws.Admin.Client.SendAsync(request);

        await response.ShouldSucceedAsync();
        var spans = await TraceAsync(traceId);
        var server = spans.Single(s => s.Kind == ActivityKind.Server);
        var handler = spans.Single(s => s.DisplayName == "DeleteWorkflowCommand");
        var commands = spans.Where(s => s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.That(server.Source.Name, Is.EqualTo("Microsoft.AspNetCore"));
        Assert.That(IsAncestor(server, handler, spans), Is.True, "the request span is above the handler's");
        Assert.That(commands, Is.Not.Empty, "database commands are traced");
        Assert.That(commands.Where(c => !IsAncestor(handler, c, spans)).Select(c => c.DisplayName), Is.Empty, "every command of the request runs under its handler");
        Assert.That(Sum("workflows.workflows.deleted") - deletedBefore, Is.EqualTo(1));
        Assert.That(Sum("workflows.tasks.cascade_deleted") - tasksBefore, Is.EqualTo(3));
        Assert.That(Count("workflows.handler.duration", "workflows.request", "DeleteWorkflowCommand"), Is.GreaterThanOrEqualTo(1));
        Assert.That(Count("http.server.request.duration"), Is.GreaterThanOrEqualTo(1), "ASP.NET Core's request duration");
    }

    [Test]
    public async Task StaleIfMatch_CountsA412_AndNothingItDidNotCommit()
    {
        var (workflow, a, _, _) = await _ws.CreateWorkflowWithTasksAsync();
        var preview = await _ws.Admin.Client.GetAsync($"{_ws.Root}/workflows/{workflow.Id}/deletion-preview");
        await _ws.AddTaskAsync(workflow.Id, "Added after the preview", a.Id);
        var (failedBefore, deletedBefore) = (Sum("workflows.http.precondition_failed"), Sum("workflows.workflows.deleted"));
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{_ws.Root}/workflows/{workflow.Id}?cascade=true");
        request.Headers.IfMatch.Add(preview.Headers.ETag!);

        var response = await _ws.Admin.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.That(Sum("workflows.http.precondition_failed") - failedBefore, Is.EqualTo(1));
        Assert.That(Sum("workflows.workflows.deleted") - deletedBefore, Is.Zero);
    }

    [Test]
    public async Task NameConflict_CountsA409_TaggedWithItsCode()
    {
        var taken = await _ws.CreateWorkflowAsync();
        var conflictsBefore = Sum("workflows.http.conflicts", "error.type", "workflow_name_conflict");
        var createdBefore = Sum("workflows.workflows.created");

        var response = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows", new { name = taken.Name });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(Sum("workflows.http.conflicts", "error.type", "workflow_name_conflict") - conflictsBefore, Is.EqualTo(1));
        Assert.That(Sum("workflows.workflows.created") - createdBefore, Is.Zero);
    }

    [Test]
    public async Task IdempotentReplay_IsCounted_AndTheCloneOnlyOnce()
    {
        var source = await _ws.CreateWorkflowAsync();
        var (replaysBefore, clonedBefore) = (Sum("workflows.idempotency.replays", "workflows.request", "CloneWorkflowCommand"), Sum("workflows.workflows.cloned"));
        var key = Guid.NewGuid().ToString();

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{_ws.Root}/workflows/{source.Id}/clone") { Content = JsonContent.Create(new { name = $"Copy {key}" }) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await _ws.Admin.Client.SendAsync(request);
            await response.ShouldSucceedAsync(HttpStatusCode.Created);
            Assert.That(response.Headers.Contains("Idempotent-Replayed"), Is.EqualTo(i == 1));
        }

        Assert.That(Sum("workflows.idempotency.replays", "workflows.request", "CloneWorkflowCommand") - replaysBefore, Is.EqualTo(1));
        Assert.That(Sum("workflows.workflows.cloned") - clonedBefore, Is.EqualTo(1));
    }

    [Test]
    public async Task CreateArchiveUnarchive_AreEachCountedOnce()
    {
        var before = (Sum("workflows.workflows.created"), Sum("workflows.workflows.archived"), Sum("workflows.workflows.unarchived"));

        var workflow = await _ws.CreateWorkflowAsync();
        await (await _ws.Admin.Client.PostAsync($"{_ws.Root}/workflows/{workflow.Id}/archive", null)).ShouldSucceedAsync();
        await (await _ws.Admin.Client.PostAsync($"{_ws.Root}/workflows/{workflow.Id}/unarchive", null)).ShouldSucceedAsync();

        var after = (Sum("workflows.workflows.created"), Sum("workflows.workflows.archived"), Sum("workflows.workflows.unarchived"));
        Assert.That((after.Item1 - before.Item1, after.Item2 - before.Item2, after.Item3 - before.Item3), Is.EqualTo((1L, 1L, 1L)));
    }

    [Test]
    public async Task ProblemTraceId_IsTheRequestSpansTraceId()
    {
        var path = $"/{_ws.Root}/workflows/999999999";

        var response = await _ws.Admin.Client.GetAsync(path);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.TraceId, Does.Match("^[0-9a-f]{32}$"));
        var server = await EventuallyAsync(() => _factory.Spans.Snapshot().SingleOrDefault(s =>
            s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), path)));
        Assert.That(server.TraceId.ToHexString(), Is.EqualTo(problem.TraceId));
    }

    [Test]
    public async Task WithAnEndpoint_TracesAndMetricsAreExportedOverOtlp()
    {
        await (await _ws.Admin.Client.GetAsync($"{_ws.Root}/workflows")).ShouldSucceedAsync();

        Assert.That(_factory.Services.GetRequiredService<TracerProvider>().ForceFlush(), Is.True);
        Assert.That(_factory.Services.GetRequiredService<MeterProvider>().ForceFlush(), Is.True);

        var exports = _collector.Exports;
        Assert.That(exports.Where(e => e.Path == "/v1/traces" && e.ContentType == "application/x-protobuf" && e.Length > 0), Is.Not.Empty);
        Assert.That(exports.Where(e => e.Path == "/v1/metrics" && e.ContentType == "application/x-protobuf" && e.Length > 0), Is.Not.Empty);
    }

    [Test]
    public void WithoutAnEndpoint_NoOpenTelemetryIsRegistered()
    {
        using var factory = new WorkflowsApiFactory();

        Assert.That(factory.Services.GetService<TracerProvider>(), Is.Null);
        Assert.That(factory.Services.GetService<MeterProvider>(), Is.Null);
        Assert.That(_factory.Services.GetService<TracerProvider>(), Is.Not.Null, "with an endpoint there is one");
    }

    /// <summary>The spans of one trace, once its request span has ended (it ends after the response is sent).</summary>
    private async Task<IReadOnlyList<Activity>> TraceAsync(ActivityTraceId traceId)
    {
        await EventuallyAsync(() => _factory.Spans.Snapshot().FirstOrDefault(s => s.TraceId == traceId && s.Kind == ActivityKind.Server));
        return [.. _factory.Spans.Snapshot().Where(s => s.TraceId == traceId)];
    }

    private static bool IsAncestor(Activity ancestor, Activity span, IReadOnlyList<Activity> trace)
    {
        var bySpanId = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; bySpanId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
            if (next == ancestor) return true;
        return false;
    }

    /// <summary>The counter's total so far (cumulative), over the points with the given tag if one is given.</summary>
    private long Sum(string name, string? tag = null, object? value = null) =>
        Points(name, tag, value).Sum(p => p.GetSumLong());

    /// <summary>How many measurements the histogram has had so far.</summary>
    private long Count(string name, string? tag = null, object? value = null) =>
        Points(name, tag, value).Sum(p => p.GetHistogramCount());

    private List<MetricPoint> Points(string name, string? tag, object? value)
    {
        _factory.Metrics.Clear();
        Assert.That(_factory.Services.GetRequiredService<MeterProvider>().ForceFlush(), Is.True);
        var points = new List<MetricPoint>();
        foreach (var metric in _factory.Metrics.Snapshot().Where(m => m.Name == name))
            foreach (var point in metric.MetricPoints)
                if (tag is null || HasTag(point, tag, value)) points.Add(point);
        return points;
    }

    private static bool HasTag(MetricPoint point, string tag, object? value)
    {
        foreach (var pair in point.Tags)
            if (pair.Key == tag && Equals(pair.Value, value)) return true;
        return false;
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> find) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (find() is { } found) return found;
            await Task.Delay(100);
        }
        Assert.Fail("The span never ended.");
        return null!;
    }

    private sealed class TelemetryFactory(Uri collector) : WorkflowsApiFactory
    {
        public LockedCollection<Activity> Spans { get; } = new();

        public LockedCollection<MetricSnapshot> Metrics { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.ToString());
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        }
    }
}
