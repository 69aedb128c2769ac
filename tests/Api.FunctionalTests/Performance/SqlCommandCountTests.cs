using Microsoft.EntityFrameworkCore;
using Workflows.Application.Workflows;
using Workflows.Domain.Workflows;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>
/// The requests that read or write a whole task graph send as many SQL commands for a workflow of
/// two tasks as for one of hundreds: rows are read and written in sets, never one statement each.
/// </summary>
[NonParallelizable]
public sealed class SqlCommandCountTests
{
    private const int ManyTasks = 300;

    private RecordingApiFactory _factory = null!;
    private TestWorkspace _ws = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _factory = new RecordingApiFactory();
        _ws = await TestWorkspace.CreateAsync(_factory);
    }

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [Test]
    public async Task Get_sends_the_same_commands_whatever_the_task_count()
    {
        var (small, large) = (await WorkflowWithTasksAsync(2), await WorkflowWithTasksAsync(ManyTasks));

        var forSmall = await CommandsAsync(() => _ws.Admin.Client.GetAsync($"{_ws.Root}/workflows/{small}"));
        var forLarge = await CommandsAsync(() => _ws.Admin.Client.GetAsync($"{_ws.Root}/workflows/{large}"));

        Assert.That(forLarge, Is.EqualTo(forSmall));
    }

    [Test]
    public async Task Clone_sends_the_same_commands_whatever_the_task_count()
    {
        var (small, large) = (await WorkflowWithTasksAsync(2), await WorkflowWithTasksAsync(ManyTasks));

        var forSmall = await CommandsAsync(() => _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows/{small}/clone", new { name = $"Copy {Guid.NewGuid():N}" }));
        var forLarge = await CommandsAsync(() => _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows/{large}/clone", new { name = $"Copy {Guid.NewGuid():N}" }));

        Assert.That(forLarge, Is.EqualTo(forSmall));
        var copy = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows/{large}/clone", new { name = $"Copy {Guid.NewGuid():N}" });
        var body = await copy.ReadAsync<WorkflowResponse>();
        Assert.That(body.Tasks, Has.Count.EqualTo(ManyTasks));
        Assert.That(body.Tasks.Sum(t => t.NextTaskIds.Count), Is.EqualTo(ManyTasks - 1), "every transition is copied");
    }

    [Test]
    public async Task Cascade_delete_sends_the_same_commands_whatever_the_task_count()
    {
        var (small, large) = (await WorkflowWithTasksAsync(2), await WorkflowWithTasksAsync(ManyTasks));

        var forSmall = await CommandsAsync(() => _ws.Admin.Client.DeleteAsync($"{_ws.Root}/workflows/{small}?cascade=true"));
        var forLarge = await CommandsAsync(() => _ws.Admin.Client.DeleteAsync($"{_ws.Root}/workflows/{large}?cascade=true"));

        Assert.That(forLarge, Is.EqualTo(forSmall));
        var left = await _factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == large));
        Assert.That(left, Is.Zero);
    }

    [Test]
    public async Task A_write_adds_two_statements_for_its_audit_entry_as_its_last_before_the_commit()
    {
        var workflow = await _ws.CreateWorkflowAsync();

        await CommandsAsync(() => _ws.Admin.Client.PutJsonAsync($"{_ws.Root}/workflows/{workflow.Id}", new { description = "Audited" }));

        var commands = _factory.Sql.Commands.Select(c => c.Sql).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(commands.Count(c => c.Contains("\"AuditCounters\"", StringComparison.Ordinal)), Is.EqualTo(1), "one counter update");
            Assert.That(commands.Count(c => c.Contains("\"AuditEntries\"", StringComparison.Ordinal)), Is.EqualTo(1), "one insert");
            Assert.That(commands[^2], Does.Contain("\"AuditCounters\"").And.Contain("RETURNING"), "the counter is taken last, so its lock is held only until the commit");
            Assert.That(commands[^1], Does.StartWith("INSERT INTO \"AuditEntries\""));
        });
    }

    [Test]
    public async Task Audit_log_pages_send_the_same_commands_whatever_the_log_holds()
    {
        var first = await CommandsAsync(() => _ws.Admin.Client.GetAsync($"{_ws.Root}/audit-log?limit=2"));
        for (var i = 0; i < 5; i++) await _ws.CreateWorkflowAsync();
        var later = await CommandsAsync(() => _ws.Admin.Client.GetAsync($"{_ws.Root}/audit-log?limit=200"));

        Assert.That((first, later), Is.EqualTo((2, 2)), "the caller's membership, then one page");
    }

    [Test]
    public async Task A_write_records_its_version_with_one_insert_and_nothing_else()
    {
        var workflow = await WorkflowWithTasksAsync(2);
        var url = $"{_ws.Root}/workflows/{workflow}";

        foreach (var write in new Func<Task<HttpResponseMessage>>[]
        {
            () => _ws.Admin.Client.PutJsonAsync(url, new { prompt = Guid.NewGuid().ToString(), description = "Several fields, one version" }),
            () => _ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = $"Task {Guid.NewGuid():N}" }),
            () => _ws.Admin.Client.PostAsync($"{url}/archive", null),
            () => _ws.Admin.Client.PostAsync($"{url}/unarchive", null),
        })
        {
            await CommandsAsync(write);
            var history = _factory.Sql.Commands.Where(c => c.Sql.Contains("\"WorkflowVersions\"", StringComparison.Ordinal)).ToList();
            Assert.That(history.Select(c => c.Sql).ToList(), Has.Count.EqualTo(1).And.All.StartsWith("INSERT INTO \"WorkflowVersions\""),
                "one insert, no read of the history, no delete below the retention");
        }
    }

    [Test]
    public async Task Archive_sends_the_same_commands_whatever_the_task_count()
    {
        var (small, large) = (await WorkflowWithTasksAsync(2), await WorkflowWithTasksAsync(ManyTasks));

        var forSmall = await CommandsAsync(() => _ws.Admin.Client.PostAsync($"{_ws.Root}/workflows/{small}/archive", null));
        var forLarge = await CommandsAsync(() => _ws.Admin.Client.PostAsync($"{_ws.Root}/workflows/{large}/archive", null));

        Assert.That(forLarge, Is.EqualTo(forSmall));
    }

    [Test]
    public async Task Listing_versions_sends_the_same_commands_whatever_the_history_length()
    {
        var (few, many) = (await _ws.CreateWorkflowAsync(), await _ws.CreateWorkflowAsync());
        for (var i = 0; i < 30; i++)
            await (await _ws.Admin.Client.PutJsonAsync($"{_ws.Root}/workflows/{many.Id}", new { prompt = $"Prompt {i}" })).ShouldSucceedAsync();

        var forFew = await CommandsAsync(() => _ws.Admin.Client.GetAsync($"{_ws.Root}/workflows/{few.Id}/versions?limit=10"));
        var forMany = await CommandsAsync(() => _ws.Admin.Client.GetAsync($"{_ws.Root}/workflows/{many.Id}/versions?limit=10"));

        Assert.That(forMany, Is.EqualTo(forFew));
        Assert.That(_factory.Sql.Commands.Where(c => c.Sql.Contains("\"WorkflowVersions\"", StringComparison.Ordinal)).Select(c => c.Sql),
            Has.None.Contains("Snapshot"), "a list reads summaries, never snapshots");
    }

    /// <summary>How many commands the request sent; it must succeed.</summary>
    private async Task<int> CommandsAsync(Func<Task<HttpResponseMessage>> request)
    {
        _factory.Sql.Clear();
        var response = await request();
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), await response.Content.ReadAsStringAsync());
        return _factory.Sql.Commands.Count;
    }

    /// <summary>A workflow of <paramref name="count"/> tasks in a chain, the first one the start.</summary>
    private async Task<long> WorkflowWithTasksAsync(int count)
    {
        var workflow = await _ws.CreateWorkflowAsync();
        await _factory.QueryAsync(async db =>
        {
            var tracked = await db.Workflows.Include(w => w.Tasks).SingleAsync(w => w.Id == workflow.Id);
            WorkflowTask? previous = null;
            for (var i = 0; i < count; i++)
                previous = tracked.AddTask(new TaskDetails($"Step {i}", null, null, null, null), previous is null ? [] : [previous], isStart: i == 0);
            return await db.SaveChangesAsync();
        });
        return workflow.Id;
    }
}
