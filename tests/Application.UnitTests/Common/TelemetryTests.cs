using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Behaviours;
using Workflows.Application.Common.Telemetry;
using Workflows.Application.Members.Commands.RemoveMember;
using Workflows.Infrastructure.Data;

namespace Workflows.Application.UnitTests.Common;

/// <summary>
/// The span and duration of each mediator request, and domain counters that count only what
/// committed. Listeners are process-wide, so these tests run alone.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests
{
    private readonly List<Activity> _spans = [];
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private ActivityListener? _activityListener;
    private MeterListener? _meterListener;

    [TearDown]
    public void StopListening()
    {
        _activityListener?.Dispose();
        _meterListener?.Dispose();
        _activityListener = null;
        _meterListener = null;
        _spans.Clear();
        _measurements.Clear();
    }

    [Test]
    public async Task Handle_WithListeners_RunsTheRestInASpanNamedAfterTheRequest_AndRecordsItsDuration()
    {
        Listen();
        string? current = null;

        await new TelemetryBehaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), (_, _) =>
        {
            current = Activity.Current?.DisplayName;
            return ValueTask.FromResult(StatusResponse.Success);
        }, CancellationToken.None);

        Assert.That(current, Is.EqualTo("RemoveMemberCommand"));
        Assert.That(_spans.Select(s => (s.DisplayName, s.Status)), Is.EqualTo(new[] { ("RemoveMemberCommand", ActivityStatusCode.Unset) }));
        var duration = _measurements.Single(m => m.Instrument == "workflows.handler.duration");
        Assert.That(duration.Tags, Is.EqualTo(new Dictionary<string, object?> { ["workflows.request"] = "RemoveMemberCommand" }));
        Assert.That(duration.Value, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Handle_HandlerThrows_MarksTheSpanAsAnError_AndTagsTheDurationWithTheErrorType()
    {
        Listen();

        Assert.ThrowsAsync<ConcurrentUpdateException>(async () =>
            await new TelemetryBehaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1),
                (_, _) => throw new ConcurrentUpdateException(), CancellationToken.None));

        var span = _spans.Single();
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.GetTagItem("error.type"), Is.EqualTo(nameof(ConcurrentUpdateException)));
        Assert.That(_measurements.Single().Tags["error.type"], Is.EqualTo(nameof(ConcurrentUpdateException)));
    }

    [Test]
    public async Task Handle_WithoutListeners_StartsNoSpan()
    {
        var ran = false;
        Activity? current = null;

        await new TelemetryBehaviour<RemoveMemberCommand, StatusResponse>().Handle(new RemoveMemberCommand(Guid.NewGuid(), 1), (_, _) =>
        {
            ran = true;
            current = Activity.Current;
            return ValueTask.FromResult(StatusResponse.Success);
        }, CancellationToken.None);

        Assert.That(ran, Is.True);
        Assert.That(current, Is.Null);
    }

    [Test]
    public async Task DomainCounters_CountWhatCommitted_AndNothingOfWhatRolledBack()
    {
        Listen();
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using var db = new SqliteWorkflowsDbContext(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();
        var transactions = new Transactions(db);
        var counters = new DomainCounters(transactions);
        bool? countedInsideTheTransaction = null;

        await transactions.RunAsync(_ =>
        {
            counters.Add(WorkflowsTelemetry.TasksCascadeDeleted, 3);
            countedInsideTheTransaction = _measurements.Count > 0;
            return Task.FromResult(0);
        }, CancellationToken.None);
        Assert.ThrowsAsync<ConcurrentUpdateException>(async () => await transactions.RunAsync<int>(_ =>
        {
            counters.Add(WorkflowsTelemetry.TasksCascadeDeleted, 5);
            throw new ConcurrentUpdateException();
        }, CancellationToken.None));

        Assert.That(countedInsideTheTransaction, Is.False);
        Assert.That(_measurements.Where(m => m.Instrument == "workflows.tasks.cascade_deleted").Select(m => m.Value), Is.EqualTo(new[] { 3d }));
    }

    private void Listen()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowsTelemetry.Name,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WorkflowsTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Add((instrument.Name, value, copy));
    }
}
