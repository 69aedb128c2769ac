using System.Diagnostics;
using System.Globalization;
using Workflows.Application.Common.Models;
using Workflows.Application.Workflows;
using Workflows.Application.Workspaces;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// The database server itself goes away under two running instances (stopped as by a crash) and
/// comes back: in between every request answers a 503 problem with <c>Retry-After</c> and
/// readiness is unhealthy; afterwards both instances serve again without a restart. On a
/// PostgreSQL server of its own, so that no other suite loses its database.
/// </summary>
public sealed class OutageTests
{
    private static readonly Drill Drill = Figures.For(Figures.Outage);

    [OneTimeTearDown]
    public void AllAsExpected() => Drill.AssertNoneUnexpected();

    [Test]
    public async Task ServerStoppedUnderTwoInstances_Answers503WithRetryAfter_ThenBothRecoverWithoutARestart()
    {
        var cluster = Cluster.Start();
        try
        {
            using var database = new TestDatabase(TestProvider.PostgreSql, cluster.ConnectionString);
            var started = await Task.WhenAll(ServiceProcess.StartAsync(database), ServiceProcess.StartAsync(database));
            await using var a = started[0];
            await using var b = started[1];
            var oid = Guid.NewGuid().ToString();
            var clients = new[] { a.ClientFor(oid), b.ClientFor(oid) };
            var created = await clients[0].PostJsonAsync("api/v2/workspaces", new { name = "Outage" });
            await created.ShouldSucceedAsync(HttpStatusCode.Created);
            var root = $"api/v2/w/{(await created.ReadAsync<WorkspaceResponse>()).Uuid}";
            var workflow = await (await clients[0].PostJsonAsync($"{root}/workflows", new { name = "Survives" })).ReadAsync<WorkflowResponse>();

            cluster.Halt();
            foreach (var client in clients)
            {
                await ExpectUnavailableAsync(await client.GetAsync($"{root}/workflows/{workflow.Id}"), "read while the server is down");
                await ExpectUnavailableAsync(await client.PostJsonAsync($"{root}/workflows", new { name = "During the outage" }), "write while the server is down");
                var ready = await client.GetAsync("health/ready");
                Drill.Observe($"ready {(int)ready.StatusCode}", ready.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness while down");
                var live = await client.GetAsync("health/live");
                Drill.Observe($"live {(int)live.StatusCode}", live.StatusCode == HttpStatusCode.OK, "liveness while down");
            }

            cluster.Resume();
            foreach (var client in clients)
            {
                var recovered = await FirstSuccessAsync(() => client.GetAsync($"{root}/workflows/{workflow.Id}"), TimeSpan.FromSeconds(30));
                Drill.Observe(((int)recovered.StatusCode).ToString(CultureInfo.InvariantCulture), recovered.StatusCode == HttpStatusCode.OK, "read after the server is back");
                var write = await client.PostJsonAsync($"{root}/workflows", new { name = $"After the outage {Guid.NewGuid():N}" });
                Drill.Observe(((int)write.StatusCode).ToString(CultureInfo.InvariantCulture), write.StatusCode == HttpStatusCode.Created, "write after the server is back");
                var ready = await client.GetAsync("health/ready");
                Drill.Observe($"ready {(int)ready.StatusCode}", ready.StatusCode == HttpStatusCode.OK, "readiness after the server is back");
            }
            var listed = await (await clients[1].GetAsync($"{root}/workflows")).ReadAsync<Page<WorkflowSummaryResponse>>();
            Assert.That(listed.Items.Select(w => w.Name), Has.No.Member("During the outage"), "nothing was written while the server was down");
        }
        finally
        {
            cluster.Stop();
        }
    }

    private static async Task ExpectUnavailableAsync(HttpResponseMessage response, string @case)
    {
        var expected = response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null;
        Drill.Observe(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), expected, $"{@case}: {(int)response.StatusCode}, Retry-After {response.Headers.RetryAfter}");
        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
    }

    /// <summary>Polls until the request succeeds (the pools reconnect on their own) or the time is up; the last answer.</summary>
    private static async Task<HttpResponseMessage> FirstSuccessAsync(Func<Task<HttpResponseMessage>> request, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await request();
            if (response.IsSuccessStatusCode || clock.Elapsed > within) return response;
            await Task.Delay(500);
        }
    }

    /// <summary>A PostgreSQL cluster of the test's own, driven by the repository's <c>.ci/postgres</c> script.</summary>
    private sealed class Cluster
    {
        private readonly string _folder;

        private Cluster(string folder, string connectionString)
        {
            _folder = folder;
            ConnectionString = connectionString;
        }

        public string ConnectionString { get; }

        public static Cluster Start()
        {
            var settings = Script("start").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''));
            return new Cluster(settings["PG_FOLDER"], settings["WORKFLOWS_TEST_POSTGRES"]);
        }

        public void Halt() => Script("halt", _folder);

        public void Resume() => Script("resume", _folder);

        public void Stop() => Script("stop", _folder);

        private static string Script(params string[] arguments)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Repository.PathOf(".ci", "postgres"));
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new AssertionException($".ci/postgres {string.Join(' ', arguments)} failed: {errors}");
            return output;
        }
    }
}
