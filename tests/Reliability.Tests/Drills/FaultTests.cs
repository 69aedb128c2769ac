using Microsoft.EntityFrameworkCore;
using Workflows.Application.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// Database failures injected under EF Core (see <see cref="FaultInjector"/>), on a server of
/// their own: in the middle of a cascade delete and of a clone, and the database down altogether.
/// </summary>
public sealed class FaultTests
{
    private FaultyApiFactory _factory = null!;
    private TestWorkspace _ws = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _factory = new FaultyApiFactory();
        _ws = await TestWorkspace.CreateAsync(_factory);
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
        Assert.That(await Integrity.ViolationsAsync(_factory), Is.Empty, "the faults left the database sound");
    }

    [SetUp]
    public void NoFault() => _factory.Faults.Reset();

    [Test]
    public async Task CascadeDelete_FailingAtTheDeleteOfItsTasks_Returns503_AndLeavesEverythingInPlace()
    {
        var drill = Figures.For(Figures.FaultCascadeDelete);
        var (workflow, _, _, _) = await _ws.CreateWorkflowWithTasksAsync();
        var assigned = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/assignments", new { workflowId = workflow.Id, title = "In flight" });
        Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var before = await WorkflowRows.ReadAsync(_factory, workflow.Id);
        var url = $"{_ws.Root}/workflows/{workflow.Id}?cascade=true";

        _factory.Faults.FailNextCommandContaining("DELETE FROM \"Tasks\"");
        var failed = await drill.ExpectAsync(await _ws.Admin.Client.DeleteAsync(url), HttpStatusCode.ServiceUnavailable, "delete, failing at the tasks", "service_unavailable");

        Assert.That(_factory.Faults.Injected, Is.EqualTo(1), "the fault struck the DELETE of the tasks");
        Assert.That(failed.Headers.RetryAfter, Is.Not.Null, "a 503 says when to retry");
        var after = await WorkflowRows.ReadAsync(_factory, workflow.Id);
        drill.Observe("rows unchanged", after == before, $"rows before {before}, after {after}");
        Assert.That(after, Is.EqualTo(before), "the transitions, assignment links and version went back with the rest");

        var retried = await drill.ExpectAsync(await _ws.Admin.Client.DeleteAsync(url), HttpStatusCode.OK, "the same delete, fault gone");
        Assert.That(await retried.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success","deletedTaskCount":3}"""));
    }

    [Test]
    public async Task Clone_FailingWhileInsertingItsTransitions_Returns503_LeavesNoCopy_AndReleasesItsIdempotencyKey()
    {
        var drill = Figures.For(Figures.FaultClone);
        var (source, _, _, _) = await _ws.CreateWorkflowWithTasksAsync();
        var before = await CountsAsync();
        var url = $"{_ws.Root}/workflows/{source.Id}/clone";
        var key = Guid.NewGuid().ToString();

        _factory.Faults.FailNextCommandContaining("INSERT INTO \"TaskTransitions\"");
        await drill.ExpectAsync(await _ws.Admin.Client.SendAsync(HttpMethod.Post, url, new { name = "Copy" }, idempotencyKey: key),
            HttpStatusCode.ServiceUnavailable, "clone, failing at the transitions", "service_unavailable");

        Assert.That(_factory.Faults.Injected, Is.EqualTo(1), "the fault struck after the copy and its tasks were inserted");
        var after = await CountsAsync();
        drill.Observe("rows unchanged", after == before, $"rows before {before}, after {after}");
        Assert.That(after, Is.EqualTo(before), "no workflow, task or transition of the copy");

        var retried = await drill.ExpectAsync(await _ws.Admin.Client.SendAsync(HttpMethod.Post, url, new { name = "Copy" }, idempotencyKey: key),
            HttpStatusCode.Created, "the same clone and key, fault gone");
        Assert.That(retried.Headers.Contains("Idempotent-Replayed"), Is.False, "the failed attempt did not keep the key");
        var copy = await retried.ReadAsync<WorkflowResponse>();
        Assert.That((copy.Tasks.Count, (await WorkflowRows.ReadAsync(_factory, copy.Id)).Transitions), Is.EqualTo((3, 2)));
    }

    [Test]
    public async Task DatabaseDown_EveryRouteAnswers503_ReadinessFails_LivenessHolds_AndAllRecoversWithoutARestart()
    {
        var drill = Figures.For(Figures.FaultDatabaseDown);
        var stage = await Stage.CreateAsync(_ws, _ws.Admin);
        var calls = new List<(Route Route, Call Call)>();
        foreach (var route in Route.All) calls.Add((route, await route.PrepareAsync(stage)));
        var keyed = new Call(HttpMethod.Post, stage.Url("workflows"), new { name = "Keyed while down" });
        var key = Guid.NewGuid().ToString();
        var anonymous = _factory.WithToken(null);

        _factory.Faults.DatabaseDown = true;
        foreach (var (route, call) in calls)
        {
            var response = await call.SendAsync(_ws.Admin.Client);
            await drill.ExpectAsync(response, HttpStatusCode.ServiceUnavailable, $"{route} while the database is down", "service_unavailable");
            Assert.That(response.Headers.RetryAfter, Is.Not.Null, $"{route}: Retry-After");
        }
        await drill.ExpectAsync(await _ws.Admin.Client.SendAsync(keyed.Method, keyed.Url, keyed.Body, idempotencyKey: key),
            HttpStatusCode.ServiceUnavailable, "an idempotent POST while the database is down", "service_unavailable");
        var ready = await anonymous.GetAsync("health/ready");
        var live = await anonymous.GetAsync("health/live");
        drill.Observe($"ready {(int)ready.StatusCode}", ready.StatusCode == HttpStatusCode.ServiceUnavailable);
        drill.Observe($"live {(int)live.StatusCode}", live.StatusCode == HttpStatusCode.OK);
        Assert.Multiple(async () =>
        {
            Assert.That((ready.StatusCode, await ready.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.ServiceUnavailable, "Unhealthy")), "not ready");
            Assert.That((live.StatusCode, await live.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.OK, "Healthy")), "still alive");
        });
        Assert.That(_factory.Faults.Injected, Is.GreaterThanOrEqualTo(calls.Count + 2));

        _factory.Faults.DatabaseDown = false;
        foreach (var (route, call) in calls)
            await drill.ExpectAsync(await call.SendAsync(_ws.Admin.Client), route.Success, $"{route} once the database is back");
        await drill.ExpectAsync(await _ws.Admin.Client.SendAsync(keyed.Method, keyed.Url, keyed.Body, idempotencyKey: key),
            HttpStatusCode.Created, "the idempotent POST again, with its key");
        ready = await anonymous.GetAsync("health/ready");
        drill.Observe($"ready {(int)ready.StatusCode}", ready.StatusCode == HttpStatusCode.OK);
        Assert.That((ready.StatusCode, await ready.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.OK, "Healthy")), "ready again");
    }

    private Task<(int Workflows, int Tasks, int Transitions)> CountsAsync() => _factory.QueryAsync(async db => (
        await db.Workflows.CountAsync(), await db.Tasks.CountAsync(), await db.TaskTransitions.CountAsync()));
}
