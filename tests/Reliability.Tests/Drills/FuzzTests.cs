using System.Diagnostics;
using CsCheck;
using Workflows.Application.Common.Models;
using Workflows.Application.Templates;
using Workflows.Application.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// At least 10,000 requests generated from the service's own OpenAPI document, spread evenly over
/// every operation, on a server of its own. "Documented" means a status the document lists for
/// the operation, or one any route may answer: 400 (a value that does not bind), 401, 404 (no
/// such route or workspace), 405, 413 and 415. Never a 5xx; every error a problem body; the
/// database sound afterwards.
/// </summary>
public sealed class FuzzTests
{
    private const int Cases = 10_000;
    private const ulong Seed = 20_251_128;
    private static readonly int[] AnyRouteMayAnswer = [400, 401, 404, 405, 413, 415];

    [Test]
    public async Task TenThousandGeneratedRequests_AreAnsweredAsDocumented_WithoutA5xx_AndLeaveTheDatabaseSound()
    {
        var drill = Figures.For(Figures.Fuzzing);
        drill.FailsAtOnce = false; // every defect of the run is listed at its end
        using var factory = new WorkflowsApiFactory();
        var (pools, clients) = await SeedAsync(factory);
        var document = OpenApiDocument.Parse(await factory.WithToken(null).GetStringAsync("openapi/v2.json"));
        var operations = document.Operations;
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(Route.All.Count - 1), "the document lists every operation");
        var generators = new FuzzGenerators(document, pools);
        var pcg = new PCG(1, Seed);
        var perOperation = operations.ToDictionary(o => o.Name, _ => (Cases: 0, Succeeded: 0));
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Cases; i++)
        {
            var operation = operations[i % operations.Count];
            var fuzz = generators.For(operation).Generate(pcg, null, out _);
            using var response = await SendAsync(clients[fuzz.Caller], fuzz);
            var status = (int)response.StatusCode;
            var documented = operations.FirstOrDefault(o => o.Path == operation.Path && o.Method == fuzz.Method)?.Statuses ?? new HashSet<int>();
            var defect = status >= 500 ? "a 5xx"
                : !documented.Contains(status) && !AnyRouteMayAnswer.Contains(status) ? "an undocumented status"
                : status >= 400 ? await ProblemShape.DefectAsync(response)
                : null;
            drill.Observe(status.ToString(System.Globalization.CultureInfo.InvariantCulture), defect is null,
                $"#{i} {fuzz}\n    → {status}: {defect} {Excerpt(await response.Content.ReadAsStringAsync())}");
            var tally = perOperation[operation.Name];
            perOperation[operation.Name] = (tally.Cases + 1, tally.Succeeded + (status is >= 200 and < 300 ? 1 : 0));
        }

        TestContext.Out.WriteLine($"{Cases:N0} requests in {clock.Elapsed.TotalSeconds:F1} s; by operation (cases, 2xx):");
        foreach (var (name, tally) in perOperation) TestContext.Out.WriteLine($"  {name}: {tally.Cases}, {tally.Succeeded}");
        drill.AssertNoneUnexpected();
        Assert.That(perOperation.Values.Select(t => t.Cases), Is.All.GreaterThanOrEqualTo(Cases / operations.Count), "every operation was fuzzed");
        Assert.That(perOperation.Where(t => t.Value.Succeeded == 0).Select(t => t.Key), Is.Empty, "every operation was also reached with requests it accepted");
        Assert.That(await Integrity.ViolationsAsync(factory), Is.Empty, "the database is sound after the fuzzing");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, FuzzCase fuzz)
    {
        var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Url);
        if (fuzz.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", fuzz.IfMatch);
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }
        return await client.SendAsync(request);
    }

    /// <summary>
    /// A workspace with workflows, tasks, assignments, phone numbers, inboxes and a template of its
    /// own, and another workspace beside it; the callers the generator picks from.
    /// </summary>
    private static async Task<(FuzzPools Pools, HttpClient[] Clients)> SeedAsync(WorkflowsApiFactory factory)
    {
        var ws = await TestWorkspace.CreateAsync(factory);
        var other = await TestWorkspace.CreateAsync(factory);
        var theirs = await Stage.CreateAsync(other, other.Admin);
        var stages = new List<Stage>();
        for (var i = 0; i < 8; i++) stages.Add(await Stage.CreateAsync(ws, ws.Member, i % 2 == 0 ? null : "edit"));
        var chains = new List<(WorkflowResponse Workflow, long[] Tasks)>();
        for (var i = 0; i < 8; i++)
        {
            var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();
            chains.Add((workflow, [a.Id, b.Id, c.Id]));
        }
        var saved = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{chains[0].Workflow.Id}/save-as-template", new { name = "Saved" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var builtIn = await (await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates")).ReadAsync<Page<TemplateSummaryResponse>>();

        // What DELETE requests may take: workflows without tasks, tasks of a workflow of their own, members, numbers and inboxes.
        var disposable = await Stage.CreateAsync(ws, ws.Admin);
        var doomedWorkflows = new List<long>();
        var doomedTasks = new List<(long, long)>();
        var doomedMembers = new List<long>();
        var doomedNumbers = new List<long>();
        var doomedInboxes = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            doomedWorkflows.Add((await disposable.FreshWorkflowAsync()).Id);
            doomedTasks.Add((disposable.Workflow.Id, await disposable.FreshTaskAsync()));
            doomedMembers.Add(await disposable.FreshMemberAsync());
            doomedNumbers.Add(await disposable.FreshPhoneNumberAsync());
            doomedInboxes.Add(await disposable.FreshInboxAsync());
        }

        var pools = new FuzzPools(
            ws.Uuid,
            other.Uuid,
            new FuzzIds(
                [.. stages.Select(s => s.Workflow.Id), .. chains.Select(c => c.Workflow.Id)],
                [.. stages.Select(s => (s.Workflow.Id, s.Task.Id)), .. chains.SelectMany(c => c.Tasks.Select(t => (c.Workflow.Id, t)))],
                [ws.OtherAdmin.MemberId, ws.Member.MemberId, ws.Guest.MemberId, ws.Daemon.MemberId, ws.AgentId],
                [.. stages.Select(s => s.PhoneNumberId)],
                [.. stages.Select(s => s.InboxId)]),
            new FuzzIds([.. doomedWorkflows], [.. doomedTasks], [.. doomedMembers], [.. doomedNumbers], [.. doomedInboxes]),
            [.. stages.Select(s => s.Workflow.Uuid), .. chains.Select(c => c.Workflow.Uuid)],
            [ws.AgentId],
            [.. stages.Select(s => s.AssignmentId)],
            [.. builtIn.Items.Select(t => t.Uuid), (await BodyShape.ReadAsync(saved)).GetProperty("uuid").GetGuid(), theirs.TemplateUuid],
            [theirs.Workflow.Id, theirs.Task.Id, theirs.AssignmentId, theirs.PhoneNumberId, theirs.InboxId, other.Member.MemberId, other.AgentId],
            ws.Admin.MemberId);
        var clients = new HttpClient[FuzzGenerators.Callers];
        clients[0] = ws.Admin.Client;
        clients[1] = ws.Member.Client;
        clients[2] = ws.Guest.Client;
        clients[3] = ws.Stranger.Client;
        clients[4] = factory.WithToken(null);
        clients[5] = ws.ClientWithScopes(ws.Admin, "workflows:read");
        return (pools, clients);
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
