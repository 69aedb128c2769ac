using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Models;
using Workflows.Application.Workflows;
using Workflows.Application.Workspaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// Two service processes on one database, started at the same moment as replicas start (each
/// migrates on start), with requests interleaved across them: names, If-Match, idempotent replays
/// and cursors behave exactly as on one instance. And the separate migration step:
/// <c>--migrate</c> migrates and exits, and an instance told not to migrate serves what it migrated.
/// </summary>
public sealed class ReplicaTests
{
    private static readonly Drill Drill = Figures.For(Figures.Replicas);

    [OneTimeTearDown]
    public void AllAsExpected() => Drill.AssertNoneUnexpected();

    [Test]
    public async Task TwoInstancesStartedAtOnce_OnOneDatabase_MigrateOnce_AndServeAsOne()
    {
        using var database = new TestDatabase();
        var started = await Task.WhenAll(ServiceProcess.StartAsync(database), ServiceProcess.StartAsync(database));
        await using var a = started[0];
        await using var b = started[1];
        Drill.Observe("both ready", true);

        var migrations = await AppliedMigrationsAsync(database);
        Drill.Observe("migrations applied once", migrations.Count == migrations.Distinct().Count());
        Assert.That(migrations, Is.Unique.And.Not.Empty);

        var oid = Guid.NewGuid().ToString();
        var (clientA, clientB) = (a.ClientFor(oid), b.ClientFor(oid));
        var created = await clientA.PostJsonAsync("api/v2/workspaces", new { name = "Replicated" });
        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var root = $"api/v2/w/{(await created.ReadAsync<WorkspaceResponse>()).Uuid}";
        var clients = new[] { clientA, clientB };

        // One name, twenty creates at once, split across the two instances, in rounds.
        for (var round = 0; round < 10; round++)
        {
            var responses = await Concurrently.RunAsync(20, i => clients[i % 2].PostJsonAsync($"{root}/workflows", new { name = $"Shared name {round}" }));
            foreach (var response in responses)
                await Drill.ExpectAsync(response, response.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.Conflict, $"name race {round}");
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), $"round {round}: one 201 across both instances");
        }

        // An ETag read from one instance is current on the other, and stale on both once used.
        var workflow = await (await clientA.PostJsonAsync($"{root}/workflows", new { name = "Conditional" })).ReadAsync<WorkflowResponse>();
        var tag = Requests.ETagOf(await clientA.GetAsync($"{root}/workflows/{workflow.Id}"));
        await Drill.ExpectAsync(await clientB.SendAsync(HttpMethod.Put, $"{root}/workflows/{workflow.Id}", new { description = "from B" }, ifMatch: tag), HttpStatusCode.OK, "If-Match on the other instance");
        await Drill.ExpectAsync(await clientA.SendAsync(HttpMethod.Put, $"{root}/workflows/{workflow.Id}", new { description = "from A" }, ifMatch: tag), HttpStatusCode.PreconditionFailed, "stale If-Match on the first instance");

        // A key used on one instance replays on the other.
        var key = Guid.NewGuid().ToString();
        var first = await Drill.ExpectAsync(await clientA.SendAsync(HttpMethod.Post, $"{root}/workflows", new { name = "Once" }, idempotencyKey: key), HttpStatusCode.Created, "idempotent create");
        var replay = await Drill.ExpectAsync(await clientB.SendAsync(HttpMethod.Post, $"{root}/workflows", new { name = "Once" }, idempotencyKey: key), HttpStatusCode.Created, "replay on the other instance");
        Assert.That(replay.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true", "the other instance replayed");
        Assert.That((await replay.ReadAsync<WorkflowResponse>()).Id, Is.EqualTo((await first.ReadAsync<WorkflowResponse>()).Id));

        // A cursor from one instance continues on the other; every workflow is listed once.
        var seen = new List<long>();
        string? cursor = null;
        var page = 0;
        do
        {
            var url = $"{root}/workflows?limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var response = await Drill.ExpectAsync(await clients[page++ % 2].GetAsync(url), HttpStatusCode.OK, "a page on alternating instances");
            var body = await response.ReadAsync<Page<WorkflowSummaryResponse>>();
            seen.AddRange(body.Items.Select(w => w.Id));
            cursor = body.NextCursor;
        }
        while (cursor is not null);
        var count = await CountWorkflowsAsync(database);
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(count), "each workflow once, across pages from both instances");
        Drill.Observe("cursor pages continued across instances", seen.Count == count);
    }

    [Test]
    public async Task MigrateSwitch_MigratesAndExits_ThenAnInstanceThatDoesNotMigrateServes()
    {
        using var database = new TestDatabase();

        var (exitCode, output) = await ServiceProcess.RunAsync(database, null, "--migrate");

        Drill.Observe($"--migrate exit {exitCode.ToString(CultureInfo.InvariantCulture)}", exitCode == 0, output);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(await AppliedMigrationsAsync(database), Is.Not.Empty);
        await using var service = await ServiceProcess.StartAsync(database, new Dictionary<string, string> { ["Database:MigrateOnStart"] = "false" });
        var created = await service.ClientFor(Guid.NewGuid().ToString()).PostJsonAsync("api/v2/workspaces", new { name = "Migrated apart" });
        await Drill.ExpectAsync(created, HttpStatusCode.Created, "a write on the instance that did not migrate");
    }

    private static async Task<List<string>> AppliedMigrationsAsync(TestDatabase database)
    {
        await using var db = Context(database);
        return (await db.Database.GetAppliedMigrationsAsync()).ToList();
    }

    private static async Task<int> CountWorkflowsAsync(TestDatabase database)
    {
        await using var db = Context(database);
        return await db.Workflows.CountAsync();
    }

    /// <summary>A context of the instances' provider on their database, outside any instance.</summary>
    private static WorkflowsDbContext Context(TestDatabase database) => database.IsSqlite
        ? new SqliteWorkflowsDbContext(new DbContextOptionsBuilder<SqliteWorkflowsDbContext>().UseSqlite(database.ConnectionString).Options)
        : new PostgreSqlWorkflowsDbContext(new DbContextOptionsBuilder<PostgreSqlWorkflowsDbContext>().UseNpgsql(database.ConnectionString).Options);
}
