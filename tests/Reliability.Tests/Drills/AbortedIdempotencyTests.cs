using System.Diagnostics;
using Workflows.Application.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// Idempotent POSTs whose request dies part-way, on a server of their own (a
/// <see cref="FaultInjector"/> under it, and a short lease): the client goes away before the
/// handler, between the handler's statements, or after the commit before the answer is written,
/// or the server loses its database half-way and cannot even release the key. Each time, the
/// retry with the same key answers within seconds, and the effect exists exactly once.
/// </summary>
public sealed class AbortedIdempotencyTests
{
    /// <summary>The longest a retry may take to get its answer: a few leases.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private static readonly Drill Drill = Figures.For(Figures.AbortedIdempotentRequests);

    private FaultyApiFactory _factory = null!;
    private TestWorkspace _ws = null!;
    private WorkflowResponse _source = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _factory = new FaultyApiFactory(new Dictionary<string, string> { ["Idempotency:Lease"] = "00:00:02" });
        _ws = await TestWorkspace.CreateAsync(_factory);
        (_source, _, _, _) = await _ws.CreateWorkflowWithTasksAsync("Source");
    }

    [OneTimeTearDown]
    public void StopServer() => _factory.Dispose();

    /// <summary>
    /// After each drill, with the faults off: the database is sound. Checked here rather than once
    /// at the end, where a failure would not fail the run (the test adapter reports no test for it).
    /// </summary>
    [TearDown]
    public async Task DatabaseIsSound()
    {
        _factory.Faults.Reset();
        Assert.That(await Integrity.ViolationsAsync(_factory), Is.Empty, "the aborted requests left the database sound");
        Drill.AssertNoneUnexpected();
    }

    [SetUp]
    public void NoFault() => _factory.Faults.Reset();

    /// <summary>Where the first request is cut off, and how.</summary>
    public sealed record AbortPoint(string Name, Func<FaultyApiFactory, string, Pause?> Arm)
    {
        public override string ToString() => Name;
    }

    public static readonly AbortPoint[] ClientGoesAway =
    [
        // The first statement on the workflows table is the authority check, before the handler.
        new("before the handler", (f, _) => f.Faults.PauseAtNextCommandContaining("FROM \"Workflows\"")),
        new("inside the handler, between its statements", (f, _) => f.Faults.PauseAtNextCommandContaining("INSERT INTO \"Assignments\"")),
        new("after the commit, before the answer is written", (f, key) => f.Responses.HoldResponseTo(key)),
    ];

    [TestCaseSource(nameof(ClientGoesAway))]
    public async Task AnAssignment_WhoseClientWentAway_IsCreatedOnce_AndTheRetryAnswersWithinSeconds(AbortPoint point)
    {
        var (url, key, title) = ($"{_ws.Root}/assignments", Guid.NewGuid().ToString(), $"Ticket {Guid.NewGuid():N}");
        var body = new { workflowId = _source.Id, title };
        var pause = point.Arm(_factory, key)!;

        using var gone = new CancellationTokenSource();
        var first = Requests.Send(_ws.Admin.Client, HttpMethod.Post, url, body, key, gone.Token);
        await pause.Reached.WaitAsync(Bound);
        await gone.CancelAsync();
        var aborted = await AbortedAsync(first);
        Drill.Observe("client went away", aborted, $"{point}: the first request was cut off");
        Assert.That(aborted, Is.True, "the first request was cut off");
        pause.Release();

        var retry = await RetryAsync(url, body, key, point.Name);

        var count = await AssignmentsTitledAsync(title);
        Drill.Observe("effect exactly once", count == 1, $"{point}: {count} assignments");
        Assert.That(count, Is.EqualTo(1), "the assignment exists exactly once");
        var again = await Drill.ExpectAsync(await _ws.Admin.Client.SendAsync(HttpMethod.Post, url, body, idempotencyKey: key), HttpStatusCode.Created,
            $"{point}: once more with the same key");
        Assert.That(again.Headers.Contains("Idempotent-Replayed"), Is.True, "the key is done: its answer is replayed");
        Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(await retry.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task AClone_WhoseClientWentAwayWhileItsTasksWereInserted_IsCreatedOnce()
    {
        var (url, key, name) = ($"{_ws.Root}/workflows/{_source.Id}/clone", Guid.NewGuid().ToString(), $"Copy {Guid.NewGuid():N}");
        var body = new { name };
        var pause = _factory.Faults.PauseAtNextCommandContaining("INSERT INTO \"Tasks\"");

        using var gone = new CancellationTokenSource();
        var first = Requests.Send(_ws.Admin.Client, HttpMethod.Post, url, body, key, gone.Token);
        await pause.Reached.WaitAsync(Bound);
        await gone.CancelAsync();
        var aborted = await AbortedAsync(first);
        Drill.Observe("client went away", aborted, "clone: the first request was cut off");
        pause.Release();

        await RetryAsync(url, body, key, "clone");

        var copies = await _factory.QueryAsync(db => db.Workflows.CountAsync(w => w.Name == name));
        Drill.Observe("effect exactly once", copies == 1, $"clone: {copies} copies");
        Assert.That(copies, Is.EqualTo(1), "the copy exists exactly once");
    }

    [Test]
    public async Task AnAssignment_WhoseServerLostItsDatabaseHalfWay_IsCreatedOnce_AndTheRetryAnswersWithinSeconds()
    {
        // As when the process dies: nothing is released, the key is left as it was.
        var (url, key, title) = ($"{_ws.Root}/assignments", Guid.NewGuid().ToString(), $"Ticket {Guid.NewGuid():N}");
        var body = new { workflowId = _source.Id, title };
        _factory.Faults.FailFromCommandContaining("INSERT INTO \"Assignments\"");

        await Drill.ExpectAsync(await _ws.Admin.Client.SendAsync(HttpMethod.Post, url, body, idempotencyKey: key),
            HttpStatusCode.ServiceUnavailable, "the database lost half-way", "service_unavailable");
        _factory.Faults.Reset();

        await RetryAsync(url, body, key, "database lost half-way");

        var count = await AssignmentsTitledAsync(title);
        Drill.Observe("effect exactly once", count == 1, $"database lost half-way: {count} assignments");
        Assert.That(count, Is.EqualTo(1), "the assignment exists exactly once");
    }

    [Test]
    public async Task TheOutcomeFailingToBeStored_UndoesTheEffect_AndLeavesTheKeyUnused()
    {
        // The outcome commits with the effect: a key is either done, with its answer, or never happened.
        var (url, key, title) = ($"{_ws.Root}/assignments", Guid.NewGuid().ToString(), $"Ticket {Guid.NewGuid():N}");
        var body = new { workflowId = _source.Id, title };
        _factory.Faults.FailNextCommandContaining("UPDATE \"IdempotencyRecords\"");

        await Drill.ExpectAsync(await _ws.Admin.Client.SendAsync(HttpMethod.Post, url, body, idempotencyKey: key),
            HttpStatusCode.ServiceUnavailable, "the outcome cannot be stored", "service_unavailable");
        Assert.That(_factory.Faults.Injected, Is.EqualTo(1), "the fault struck the statement that stores the outcome");
        var count = await AssignmentsTitledAsync(title);
        Drill.Observe("no effect without its outcome", count == 0, $"outcome not stored: {count} assignments");
        Assert.That(count, Is.Zero, "the assignment went back with the outcome");

        var retry = await Drill.ExpectAsync(await _ws.Admin.Client.SendAsync(HttpMethod.Post, url, body, idempotencyKey: key),
            HttpStatusCode.Created, "the same request and key, fault gone");
        Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False, "the failed attempt left no answer behind");
        Assert.That(await AssignmentsTitledAsync(title), Is.EqualTo(1));
    }

    /// <summary>Sends the request again until it is no longer "in progress"; it must get its 201 within <see cref="Bound"/>.</summary>
    private async Task<HttpResponseMessage> RetryAsync(string url, object body, string key, string @case)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await _ws.Admin.Client.SendAsync(HttpMethod.Post, url, body, idempotencyKey: key);
            if (response.StatusCode != HttpStatusCode.Conflict || clock.Elapsed > Bound)
            {
                Drill.Observe(clock.Elapsed <= Bound ? "retry answered within seconds" : "retry still waiting", clock.Elapsed <= Bound,
                    $"{@case}: the retry waited {clock.Elapsed.TotalSeconds:0.0} s");
                Assert.That(clock.Elapsed, Is.LessThanOrEqualTo(Bound), $"{@case}: the retry answers within {Bound.TotalSeconds} s");
                return await Drill.ExpectAsync(response, HttpStatusCode.Created, $"{@case}: the retry with the same key");
            }
            await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "idempotency_request_in_progress");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<bool> AbortedAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            await request.WaitAsync(Bound);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private Task<int> AssignmentsTitledAsync(string title) =>
        _factory.QueryAsync(db => db.Assignments.CountAsync(a => a.Title == title));
}
