using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// Concurrent writers on one workflow, without If-Match: workflow updates, task creates and
/// updates, and restores. Every change is one version number and has its version, written with
/// it: the history has no two versions with one number and no gap, its newest version is the
/// workflow as stored, and each answered update or restore is the version its ETag names.
/// </summary>
public sealed class HistoryRaceTests : RaceDrills
{
    private const int Rounds = 10;
    private const int Writers = 12;

    [Test]
    public async Task ConcurrentWritersOnOneWorkflow_NeverShareAVersionNumber_NorChangeWithoutAVersion()
    {
        var drill = Figures.For(Figures.RaceHistory);
        for (var round = 0; round < Rounds; round++)
        {
            var (workflow, a, _, _) = await Ws.CreateWorkflowWithTasksAsync();
            var url = $"{Ws.Root}/workflows/{workflow.Id}";
            var before = await VersionsAsync(workflow.Id);

            var responses = await Concurrently.RunAsync(Writers, i => (i % 4) switch
            {
                0 => Ws.Admin.Client.PutJsonAsync(url, new { prompt = $"Round {round}, writer {i}" }),
                1 => Ws.Admin.Client.PostJsonAsync($"{url}/tasks", new { name = $"Task {round}.{i}" }),
                2 => Ws.Admin.Client.PutJsonAsync($"{url}/tasks/{a.Id}", new { description = $"Round {round}, writer {i}" }),
                _ => Ws.Admin.Client.PostAsync($"{url}/versions/{before.Min()}/restore", null),
            });

            var answered = new List<(long Version, JsonNode Body)>();
            foreach (var (response, i) in responses.Select((r, i) => (r, i)))
            {
                var status = (int)response.StatusCode;
                var problem = status >= 400 ? await response.ShouldBeProblemAsync(response.StatusCode) : null;
                // A task update can lose its task to a restore that came first (404); any write can lose a race (409).
                var expected = status is 200 or 201
                    || (status == 409 && problem!.Code == "concurrent_update")
                    || (status == 404 && i % 4 == 2 && problem!.Code == "not_found");
                drill.Observe(status.ToString(System.Globalization.CultureInfo.InvariantCulture), expected, $"round {round}, writer {i}: {status} {problem?.Code}");
                if (status == 200 && i % 4 is 0 or 3)
                    answered.Add((long.Parse(Requests.ETagOf(response).Trim('"').Split('-')[0], System.Globalization.CultureInfo.InvariantCulture),
                        JsonNode.Parse(await response.Content.ReadAsStringAsync())!));
            }

            var after = await VersionsAsync(workflow.Id);
            var stored = await Factory.QueryAsync(db => db.Workflows.Where(w => w.Id == workflow.Id).Select(w => w.Version).SingleAsync());
            Assert.That(after, Is.Unique, $"round {round}: no two versions with one number");
            Assert.That(after, Is.EqualTo(Enumerable.Range(1, (int)stored).Select(v => (long)v)), $"round {round}: one version for every change, none missing");
            var newest = await SnapshotAsync(workflow.Id, stored);
            var current = JsonNode.Parse(await (await Ws.Admin.Client.GetAsync(url)).Content.ReadAsStringAsync())!;
            Assert.That(JsonNode.DeepEquals(newest, current), Is.True, $"round {round}: the newest version is the workflow as stored");
            foreach (var (version, body) in answered)
                Assert.That(JsonNode.DeepEquals(await SnapshotAsync(workflow.Id, version), body), Is.True, $"round {round}: version {version} is what its write answered");
        }
        drill.AssertNoneUnexpected();
    }

    private Task<List<long>> VersionsAsync(long workflowId) =>
        Factory.QueryAsync(db => db.WorkflowVersions.Where(v => v.WorkflowId == workflowId).OrderBy(v => v.Version).Select(v => v.Version).ToListAsync());

    private async Task<JsonNode> SnapshotAsync(long workflowId, long version)
    {
        var response = await Ws.Admin.Client.GetAsync($"{Ws.Root}/workflows/{workflowId}/versions/{version}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"version {version}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
