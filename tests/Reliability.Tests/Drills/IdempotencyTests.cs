using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Models;
using Workflows.Application.Templates;
using Workflows.Application.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// <c>Idempotency-Key</c> on the four POSTs that create: create, clone, create-from-template and
/// assignment creation. Keys live in the database, per caller and workspace, for 24 hours.
/// </summary>
public sealed class IdempotencyTests
{
    private static readonly Drill Drill = Figures.For(Figures.IdempotentPost);

    [OneTimeTearDown]
    public void AllAsExpected() => Drill.AssertNoneUnexpected();

    /// <summary>One of the idempotent POSTs: where it goes, a body (different for each <c>n</c>), and how many things it has created.</summary>
    public sealed record Operation(string Name, Func<Setup, string> Url, Func<Setup, int, object> Body, Func<Setup, Task<int>> CountAsync)
    {
        public override string ToString() => Name;
    }

    /// <summary>A workspace with a workflow to clone or assign work to, and a built-in template.</summary>
    public sealed record Setup(TestWorkspace Ws, WorkflowResponse Source, Guid TemplateUuid)
    {
        public static async Task<Setup> CreateAsync(WorkflowsApiFactory factory)
        {
            var ws = await TestWorkspace.CreateAsync(factory);
            var (source, _, _, _) = await ws.CreateWorkflowWithTasksAsync("Source");
            var templates = await (await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates")).ReadAsync<Page<TemplateSummaryResponse>>();
            return new Setup(ws, source, templates.Items.First(t => t.Source == TemplateSource.BuiltIn).Uuid);
        }

        public Task<int> WorkflowCountAsync() => Ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.WorkspaceId == WorkspaceIdOf(db)));

        public Task<int> TaskCountAsync() => Ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.Workflow!.WorkspaceId == WorkspaceIdOf(db)));

        private long WorkspaceIdOf(Workflows.Infrastructure.Data.WorkflowsDbContext db) => db.Workspaces.Single(w => w.Uuid == Ws.Uuid).Id;
    }

    public static readonly Operation[] Operations =
    [
        new("create", s => $"{s.Ws.Root}/workflows", (_, n) => new { name = $"Created {n}" }, s => s.WorkflowCountAsync()),
        new("clone", s => $"{s.Ws.Root}/workflows/{s.Source.Id}/clone", (_, n) => new { name = $"Copy {n}" }, s => s.TaskCountAsync()),
        new("create-from-template", s => $"{s.Ws.Root}/workflows/templates/{s.TemplateUuid}/create-workflow", (_, n) => new { name = $"From template {n}" }, s => s.TaskCountAsync()),
        new("create assignment", s => $"{s.Ws.Root}/assignments", (s, n) => new { workflowId = s.Source.Id, title = $"Ticket {n}" },
            s => s.Ws.Factory.QueryAsync(db => db.Assignments.CountAsync(a => a.WorkflowId == s.Source.Id))),
    ];

    [TestCaseSource(nameof(Operations))]
    public async Task SameKeySameBody_ReplaysTheFirstResponse_AndCreatesNothingNew(Operation operation)
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var client = setup.Ws.Admin.Client;
        var (url, body, key) = (operation.Url(setup), operation.Body(setup, 1), Guid.NewGuid().ToString());

        var first = await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, url, body, idempotencyKey: key), HttpStatusCode.Created, $"{operation}: first use of a key");
        var created = await operation.CountAsync(setup);
        var replays = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            replays.Add(await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, url, body, idempotencyKey: key), HttpStatusCode.Created, $"{operation}: retry with the same key and body"));

        var firstBody = await first.Content.ReadAsStringAsync();
        foreach (var replay in replays)
        {
            Assert.Multiple(async () =>
            {
                Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(firstBody), "the first response, byte for byte");
                Assert.That(replay.Headers.Location, Is.EqualTo(first.Headers.Location));
                Assert.That(replay.Headers.ETag, Is.EqualTo(first.Headers.ETag));
                Assert.That(replay.Content.Headers.ContentType?.MediaType, Is.EqualTo(first.Content.Headers.ContentType?.MediaType));
                Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            });
        }
        Assert.That(await operation.CountAsync(setup), Is.EqualTo(created), "the retries created nothing");
    }

    [TestCaseSource(nameof(Operations))]
    public async Task SameKeyDifferentBody_Returns422_AndCreatesNothing(Operation operation)
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var client = setup.Ws.Admin.Client;
        var (url, key) = (operation.Url(setup), Guid.NewGuid().ToString());
        await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, url, operation.Body(setup, 1), idempotencyKey: key), HttpStatusCode.Created, $"{operation}: first use of a key");
        var created = await operation.CountAsync(setup);

        await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, url, operation.Body(setup, 2), idempotencyKey: key),
            (HttpStatusCode)422, $"{operation}: the same key with another body", "idempotency_key_reused");
        await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, $"{setup.Ws.Root}/workflows", new { name = "Elsewhere" }, idempotencyKey: key),
            (HttpStatusCode)422, $"{operation}: the same key on another operation", "idempotency_key_reused");

        Assert.That(await operation.CountAsync(setup), Is.EqualTo(created));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task WithoutAKey_EveryPostCreatesAgain(Operation operation)
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var before = await operation.CountAsync(setup);

        for (var n = 1; n <= 2; n++)
            await Drill.ExpectAsync(await setup.Ws.Admin.Client.PostJsonAsync(operation.Url(setup), operation.Body(setup, n)), HttpStatusCode.Created, $"{operation} without a key");

        Assert.That(await operation.CountAsync(setup), Is.GreaterThan(before));
    }

    [Test]
    public async Task Keys_BelongToOneCallerInOneWorkspace()
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var other = await Setup.CreateAsync(Reliability.Factory);
        var ws = setup.Ws;
        var key = Guid.NewGuid().ToString();
        var memberOfBoth = await ws.AddPersonAsync("member");
        await other.Ws.AddMemberAsync(new { kind = "person", displayName = "Both", objectId = memberOfBoth.ObjectId, role = "member" });

        await Drill.ExpectAsync(await ws.Admin.Client.SendAsync(HttpMethod.Post, $"{ws.Root}/workflows", new { name = "Admin's" }, idempotencyKey: key), HttpStatusCode.Created, "admin uses the key");
        var byAnother = await Drill.ExpectAsync(await memberOfBoth.Client.SendAsync(HttpMethod.Post, $"{ws.Root}/workflows", new { name = "Member's" }, idempotencyKey: key),
            HttpStatusCode.Created, "another caller, same key, same workspace");
        var elsewhere = await Drill.ExpectAsync(await memberOfBoth.Client.SendAsync(HttpMethod.Post, $"{other.Ws.Root}/workflows", new { name = "Member's" }, idempotencyKey: key),
            HttpStatusCode.Created, "same caller, same key, another workspace");

        Assert.That(byAnother.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(elsewhere.Headers.Contains("Idempotent-Replayed"), Is.False);
    }

    [Test]
    public async Task Keys_BelongToTheWorkspace_HoweverItsUuidIsSpelled()
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var (client, key) = (setup.Ws.Admin.Client, Guid.NewGuid().ToString());
        var body = new { workflowId = setup.Source.Id, title = "Spelled twice" };
        var lower = $"api/v2/w/{setup.Ws.Uuid.ToString().ToLowerInvariant()}/assignments";
        var upper = $"api/v2/w/{setup.Ws.Uuid.ToString().ToUpperInvariant()}/assignments";
        var count = () => setup.Ws.Factory.QueryAsync(db => db.Assignments.CountAsync(a => a.WorkflowId == setup.Source.Id));

        var first = await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, lower, body, idempotencyKey: key), HttpStatusCode.Created, "the workspace's uuid in lower case");
        var again = await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, upper, body, idempotencyKey: key), HttpStatusCode.Created,
            "the same key and body, the workspace's uuid in upper case");

        Assert.That(again.Headers.Contains("Idempotent-Replayed"), Is.True, "the same workspace, the same key: a replay");
        Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(await count(), Is.EqualTo(1), "one assignment");
    }

    [Test]
    public async Task Keys_AreKeptInTheDatabase_SoAnotherInstanceReplaysThem()
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var key = Guid.NewGuid().ToString();
        var url = $"{setup.Ws.Root}/workflows";
        var first = await Drill.ExpectAsync(await setup.Ws.Admin.Client.SendAsync(HttpMethod.Post, url, new { name = "Once" }, idempotencyKey: key), HttpStatusCode.Created, "first instance");

        using var second = new SecondInstanceFactory(Reliability.Factory);
        var replay = await Drill.ExpectAsync(
            await second.ClientFor(setup.Ws.Admin.ObjectId).SendAsync(HttpMethod.Post, url, new { name = "Once" }, idempotencyKey: key), HttpStatusCode.Created, "second instance, same key");

        Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(await setup.WorkflowCountAsync(), Is.EqualTo(2), "the source and the one created");
    }

    [TestCase(23 * 60 + 59, true)]
    [TestCase(24 * 60 + 1, false)]
    public async Task Keys_AreForgottenAfter24Hours(int ageInMinutes, bool stillKnown)
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var (client, url, key) = (setup.Ws.Admin.Client, $"{setup.Ws.Root}/workflows", Guid.NewGuid().ToString());
        await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, url, new { name = "First" }, idempotencyKey: key), HttpStatusCode.Created, "first use");
        var aged = DateTime.UtcNow.AddMinutes(-ageInMinutes);
        var updated = await Reliability.Factory.QueryAsync(db => db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, aged)));
        Assert.That(updated, Is.EqualTo(1), "the key is a row of the database");

        var again = await client.SendAsync(HttpMethod.Post, url, new { name = "Second" }, idempotencyKey: key);

        if (stillKnown) await Drill.ExpectAsync(again, (HttpStatusCode)422, $"another body {ageInMinutes} minutes later", "idempotency_key_reused");
        else await Drill.ExpectAsync(again, HttpStatusCode.Created, $"another body {ageInMinutes} minutes later");
    }

    [Test]
    public async Task ConcurrentRequestsWithOneKey_CreateOneThing()
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var (url, key) = ($"{setup.Ws.Root}/workflows", Guid.NewGuid().ToString());
        var before = await setup.WorkflowCountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            setup.Ws.Admin.Client.SendAsync(HttpMethod.Post, url, new { name = "Only once" }, idempotencyKey: key)));

        var originals = 0;
        foreach (var response in responses)
        {
            var replayed = response.Headers.Contains("Idempotent-Replayed");
            if (response.StatusCode == HttpStatusCode.Created && !replayed) originals++;
            // Which of the others were replayed and which were told to wait depends on timing: one outcome for both.
            var outcome = response.StatusCode == HttpStatusCode.Created && !replayed ? "201" : "201 replayed or 409 in progress";
            Drill.Observe(outcome, response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"concurrent same key: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Conflict) await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "idempotency_request_in_progress");
        }
        Assert.That(originals, Is.EqualTo(1), "one request ran; the others were replayed or told it is in progress");
        Assert.That(await setup.WorkflowCountAsync(), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task AFailedRequest_ReleasesItsKey_SoTheRetryRuns()
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var (client, url, key) = (setup.Ws.Admin.Client, $"{setup.Ws.Root}/workflows", Guid.NewGuid().ToString());
        var taken = await setup.Ws.CreateWorkflowAsync(name: "Taken");

        await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, url, new { name = "Taken" }, idempotencyKey: key), HttpStatusCode.Conflict, "first try: name taken", "workflow_name_conflict");
        await Drill.ExpectAsync(await client.PutJsonAsync($"{url}/{taken.Id}", new { name = "Renamed" }), HttpStatusCode.OK, "the name is freed");
        var retry = await Drill.ExpectAsync(await client.SendAsync(HttpMethod.Post, url, new { name = "Taken" }, idempotencyKey: key), HttpStatusCode.Created, "retry with the same key");

        Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False, "the failure was not kept as the key's answer");
    }

    [TestCase("   ")]
    [TestCase(101)]
    public async Task AKeyThatIsBlankOrTooLong_Returns400(object key)
    {
        var setup = await Setup.CreateAsync(Reliability.Factory);
        var value = key is int length ? new string('k', length) : (string)key;

        await Drill.ExpectAsync(await setup.Ws.Admin.Client.SendAsync(HttpMethod.Post, $"{setup.Ws.Root}/workflows", new { name = "Keyed" }, idempotencyKey: value),
            HttpStatusCode.BadRequest, $"a key of {value.Length} characters", "validation_failed");
        Assert.That(await setup.WorkflowCountAsync(), Is.EqualTo(1), "only the source");
    }
}
