using Microsoft.EntityFrameworkCore;
using Workflows.Application.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// Real concurrent HTTP requests against one server on a database of its own (so that no
/// other drill's traffic shapes the races): unique names, lost updates, clone against delete, and
/// deletes against each other. No 5xx in any of them.
/// </summary>
public sealed class RaceTests : RaceDrills
{
    [Test]
    public async Task FiftyRoundsOfTwentyConcurrentCreatesWithOneName_EachCreateOneWorkflow_AndAnswer409ToTheRest()
    {
        var drill = Figures.For(Figures.RaceCreates);
        var url = $"{Ws.Root}/workflows";

        for (var round = 0; round < 50; round++)
        {
            var name = $"Race {round}";
            // The same name as the service compares names: case and surrounding spaces vary.
            var responses = await Concurrently.RunAsync(20, i => Ws.Admin.Client.PostJsonAsync(url, new { name = Spelling(name, i) }));

            foreach (var response in responses)
            {
                var status = (int)response.StatusCode;
                var expected = status == 201 || (status == 409 && (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code == "workflow_name_conflict");
                drill.Observe(status.ToString(System.Globalization.CultureInfo.InvariantCulture), expected, $"round {round}: {status}");
            }
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), $"round {round}: one 201");
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(19), $"round {round}: nineteen 409");
            var normalized = name.ToUpperInvariant();
            var stored = await Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.NormalizedName == normalized));
            Assert.That(stored, Is.EqualTo(1), $"round {round}: one workflow of that name");
        }
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task HundredConcurrentUpdatesWithOneIfMatch_OneWins_AndTheRestGet412()
    {
        var drill = Figures.For(Figures.RaceUpdates);
        var workflow = await Ws.CreateWorkflowAsync(name: "Contended");
        var url = $"{Ws.Root}/workflows/{workflow.Id}";
        var tag = Requests.ETagOf(await Ws.Admin.Client.GetAsync(url));
        var versionBefore = await VersionAsync(workflow.Id);

        var responses = await Concurrently.RunAsync(100, i => Ws.Admin.Client.SendAsync(HttpMethod.Put, url, new { description = $"Writer {i}" }, ifMatch: tag));

        foreach (var response in responses)
        {
            var status = (int)response.StatusCode;
            var expected = status == 200 || (status == 412 && (await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code == "precondition_failed");
            drill.Observe(status.ToString(System.Globalization.CultureInfo.InvariantCulture), expected, $"update: {status}");
        }
        drill.AssertNoneUnexpected();
        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.That(winners, Has.Count.EqualTo(1), "exactly one 200");
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(99), "the rest 412");
        var winner = await winners[0].ReadAsync<WorkflowResponse>();
        Assert.That((await Ws.GetWorkflowAsync(workflow.Id)).Description, Is.EqualTo(winner.Description), "the stored workflow is the winner's");
        Assert.That(await VersionAsync(workflow.Id), Is.EqualTo(versionBefore + 1), "one change, not a hundred");
    }

    [Test]
    public async Task CloneRacingACascadeDeleteOfItsSource_YieldsACompleteCopyOrAClean404()
    {
        var drill = Figures.For(Figures.RaceCloneDelete);
        const int Rounds = 25, Tasks = 8;
        var split = new Dictionary<string, int>();

        for (var round = 0; round < Rounds; round++)
        {
            var source = await ChainAsync($"Source {round}", Tasks);
            var clone = () => Ws.Admin.Client.PostJsonAsync($"{Ws.Root}/workflows/{source.Id}/clone", new { name = $"Copy {round}" });
            var delete = () => Ws.Admin.Client.DeleteAsync($"{Ws.Root}/workflows/{source.Id}?cascade=true");
            var (cloned, deleted) = await RunTogetherAsync(clone, delete);

            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"round {round}: the delete ran");
            string outcome;
            if (cloned.StatusCode == HttpStatusCode.Created)
            {
                var copy = await cloned.ReadAsync<WorkflowResponse>();
                var rows = await WorkflowRows.ReadAsync(Factory, copy.Id);
                var complete = rows.Tasks == Tasks && rows.Transitions == Tasks - 1 && copy.Tasks.Count == Tasks
                    && copy.StartTaskId is { } start && copy.Tasks.Any(t => t.Id == start && t.Name == "Task 0");
                outcome = complete ? "complete copy" : $"partial copy ({rows.Tasks} tasks, {rows.Transitions} transitions)";
            }
            else
            {
                var problem = await cloned.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
                var copies = await Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.Name == $"Copy {round}"));
                outcome = copies == 0 ? "clean 404" : $"404 yet {copies} copy rows ({problem.Detail})";
            }
            split[outcome] = split.GetValueOrDefault(outcome) + 1;
            drill.Observe("complete copy or clean 404", outcome is "complete copy" or "clean 404", $"round {round}: {outcome}");
        }
        TestContext.Out.WriteLine($"clone against delete, {Rounds} rounds: {string.Join(", ", split.Select(s => $"{s.Key} ×{s.Value}"))}");
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task ConcurrentCascadeDeletes_OneSucceeds_AndTheRestGet404()
    {
        var drill = Figures.For(Figures.RaceDeletes);
        const int Rounds = 10, Deleters = 10, Tasks = 5;

        for (var round = 0; round < Rounds; round++)
        {
            var workflow = await ChainAsync($"Doomed {round}", Tasks);
            var responses = await Concurrently.RunAsync(Deleters, _ => Ws.Admin.Client.DeleteAsync($"{Ws.Root}/workflows/{workflow.Id}?cascade=true"));

            foreach (var response in responses)
            {
                var status = (int)response.StatusCode;
                var expected = status == 200
                    ? await response.Content.ReadAsStringAsync() == $$"""{"status":"success","deletedTaskCount":{{Tasks}}}"""
                    : status == 404 && (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Code == "not_found";
                drill.Observe(status.ToString(System.Globalization.CultureInfo.InvariantCulture), expected, $"round {round}: {status}");
            }
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1), $"round {round}: one 200");
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.NotFound), Is.EqualTo(Deleters - 1), $"round {round}: the rest 404");
            Assert.That(await WorkflowRows.ReadAsync(Factory, workflow.Id), Is.EqualTo(new WorkflowRows(0, 0, false, 0, 0, 0, 0)), $"round {round}: nothing left");
        }
        drill.AssertNoneUnexpected();
    }

    [Test]
    public async Task PreviewedDeleteRacingANewTask_ExactlyOneSucceeds_AndTheDeleteTakesOnlyWhatWasPreviewed()
    {
        var drill = Figures.For(Figures.RacePreviewedDelete);
        const int Rounds = 20, Tasks = 3;
        var split = new Dictionary<string, int>();

        for (var round = 0; round < Rounds; round++)
        {
            var workflow = await ChainAsync($"Previewed {round}", Tasks);
            var url = $"{Ws.Root}/workflows/{workflow.Id}";
            var tag = Requests.ETagOf(await Ws.Admin.Client.GetAsync($"{url}/deletion-preview"));
            var delete = () => Ws.Admin.Client.SendAsync(HttpMethod.Delete, $"{url}?cascade=true", ifMatch: tag);
            var add = () => Ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = "Late" });
            var (deleted, added) = await RunTogetherAsync(delete, add);

            var rows = await WorkflowRows.ReadAsync(Factory, workflow.Id);
            string outcome;
            if (deleted.StatusCode == HttpStatusCode.OK)
            {
                var count = (await BodyShape.ReadAsync(deleted)).GetProperty("deletedTaskCount").GetInt32();
                var refused = added.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict;
                if (refused) await added.ShouldBeProblemAsync(added.StatusCode);
                outcome = count == Tasks && refused && rows.Workflows == 0 && rows.Tasks == 0
                    ? "delete won" : $"delete 200 ({count} tasks) with task {(int)added.StatusCode}, {rows.Tasks} left";
            }
            else
            {
                await deleted.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
                outcome = added.StatusCode == HttpStatusCode.Created && rows.Workflows == 1 && rows.Tasks == Tasks + 1
                    ? "task won" : $"delete 412 with task {(int)added.StatusCode}, {rows.Tasks} tasks";
            }
            split[outcome] = split.GetValueOrDefault(outcome) + 1;
            drill.Observe("exactly one succeeded", outcome is "delete won" or "task won", $"round {round}: {outcome}");
        }
        TestContext.Out.WriteLine($"previewed delete against a new task, {Rounds} rounds: {string.Join(", ", split.Select(s => $"{s.Key} ×{s.Value}"))}");
        drill.AssertNoneUnexpected();
    }

    /// <summary>A workflow whose tasks form a chain Task 0 → Task 1 → …, Task 0 being the start.</summary>
    private async Task<WorkflowResponse> ChainAsync(string name, int tasks)
    {
        var workflow = await Ws.CreateWorkflowAsync(name: name);
        long? next = null;
        for (var i = tasks - 1; i >= 0; i--)
            next = (await Ws.AddTaskAsync(workflow.Id, $"Task {i}", next is { } n ? [n] : [])).Id;
        var started = await Ws.Admin.Client.PutJsonAsync($"{Ws.Root}/workflows/{workflow.Id}", new { startTaskId = next });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return workflow;
    }

    private static async Task<(HttpResponseMessage, HttpResponseMessage)> RunTogetherAsync(Func<Task<HttpResponseMessage>> first, Func<Task<HttpResponseMessage>> second)
    {
        var both = await Concurrently.RunAsync([first, second]);
        return (both[0], both[1]);
    }

    private Task<long> VersionAsync(long workflowId) =>
        Factory.QueryAsync(db => db.Workflows.Where(w => w.Id == workflowId).Select(w => w.Version).SingleAsync());

    private static string Spelling(string name, int i) => (i % 4) switch
    {
        0 => name,
        1 => name.ToUpperInvariant(),
        2 => $"  {name.ToLowerInvariant()} ",
        _ => name.ToLowerInvariant(),
    };
}
