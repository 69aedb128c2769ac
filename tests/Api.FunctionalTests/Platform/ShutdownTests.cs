using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Workflows.Application.Workflows;
using Workflows.Application.Workspaces;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// The service as a process, stopped as an orchestrator stops it (SIGTERM): readiness turns
/// unhealthy while it still serves, the requests it accepted are answered in full, and it exits 0.
/// </summary>
[NonParallelizable]
public sealed class ShutdownTests
{
    [Test]
    public async Task Sigterm_UnderLoad_AnswersEveryAcceptedRequestCompletely_AndExitsZero()
    {
        using var database = new TestDatabase();
        var oid = Guid.NewGuid().ToString();
        string root;
        var answers = new ConcurrentBag<(int Status, string Body)>();
        var incomplete = new ConcurrentBag<string>();
        var refused = 0;
        int exitCode;
        string output;
        await using (var service = await ServiceProcess.StartAsync(database))
        {
            using (var admin = service.ClientFor(oid))
            {
                var workspace = await admin.PostJsonAsync("api/v2/workspaces", new { name = "Stopped under load" });
                await workspace.ShouldSucceedAsync(HttpStatusCode.Created);
                root = $"api/v2/w/{(await workspace.ReadAsync<WorkspaceResponse>()).Uuid}";
            }

            // Eight clients, each on connections of its own, create up to 50 workflows one after
            // another; the signal goes once 20 answers are in, while they are still sending.
            const int Clients = 8, RequestsEach = 50;
            var signalled = new TaskCompletionSource();
            async Task RunClientAsync(int c)
            {
                using var client = service.ClientFor(oid);
                for (var i = 0; i < RequestsEach; i++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.PostJsonAsync($"{root}/workflows", new { name = $"Load {c}-{i}" });
                    }
                    catch (HttpRequestException)
                    {
                        // No answer at all: refused at connect, or the connection was closed before
                        // the request was taken. Not accepted; this client stops.
                        Interlocked.Increment(ref refused);
                        return;
                    }
                    using (response)
                    {
                        try
                        {
                            var body = await response.Content.ReadAsStringAsync(); // checks Content-Length
                            using var _ = JsonDocument.Parse(body);
                            answers.Add(((int)response.StatusCode, body));
                        }
                        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
                        {
                            incomplete.Add($"{(int)response.StatusCode}: {e.Message}");
                        }
                    }
                    if (answers.Count >= 20) signalled.TrySetResult();
                }
            }
            var load = Enumerable.Range(0, Clients).Select(RunClientAsync).ToArray();
            await Task.WhenAny(signalled.Task, Task.WhenAll(load));
            service.Terminate();
            await Task.WhenAll(load);
            exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(90));
            output = service.Output;
        }

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), output);
            Assert.That(incomplete, Is.Empty, "every answer that began was complete");
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(201), string.Join("\n", answers.Where(a => a.Status != 201).Select(a => a.Body)));
            Assert.That(refused, Is.GreaterThan(0), "the signal came while clients were still sending");
        });

        // Every 201 is in the database: a new instance on it finds each workflow.
        var created = answers.Select(a => JsonSerializer.Deserialize<WorkflowResponse>(a.Body, global::Workflows.TestSupport.Json.Options)!).ToList();
        await using var after = await ServiceProcess.StartAsync(database);
        using var reader = after.ClientFor(oid);
        foreach (var workflow in created)
        {
            using var found = await reader.GetAsync($"{root}/workflows/{workflow.Id}");
            Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"workflow {workflow.Id} ({workflow.Name}) was answered 201 but is not in the database");
        }
        TestContext.Out.WriteLine($"{created.Count} created and answered, {refused} clients refused after the stop");
    }

    [Test]
    public async Task Sigterm_TurnsReadinessUnhealthy_WhileTheServiceStillServes_ThenExitsZero()
    {
        using var database = new TestDatabase();
        await using var service = await ServiceProcess.StartAsync(database, new Dictionary<string, string> { ["Shutdown:DrainDelay"] = "10" });
        using var probe = new HttpClient { BaseAddress = service.BaseAddress };
        Assert.That((await probe.GetAsync("health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "ready before the signal");

        service.Terminate();

        var ready = HttpStatusCode.OK;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ready == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            using var response = await probe.GetAsync("health/ready");
            ready = response.StatusCode;
        }
        // Still accepting: a new connection is served, and an API call is answered.
        using var fresh = service.ClientFor(Guid.NewGuid().ToString());
        using var live = await fresh.GetAsync("health/live");
        using var created = await fresh.PostJsonAsync("api/v2/workspaces", new { name = "Created while draining" });
        // The container's health check says the same as readiness.
        var (check, checkOutput) = await ServiceProcess.RunAsync(database, null, "--health-check", new Uri(service.BaseAddress, "health/ready").ToString());
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Multiple(() =>
        {
            Assert.That(ready, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "readiness after the signal");
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a new connection during the drain");
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a request during the drain");
            Assert.That(check, Is.EqualTo(1), checkOutput);
            Assert.That(exitCode, Is.EqualTo(0), service.Output);
        });
    }

    [Test]
    public async Task HealthCheckSwitch_AgainstAReadyService_ExitsZero()
    {
        using var database = new TestDatabase();
        await using var service = await ServiceProcess.StartAsync(database);

        var (exitCode, output) = await ServiceProcess.RunAsync(database, null, "--health-check", new Uri(service.BaseAddress, "health/ready").ToString());

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("200"));
    }

    [Test]
    public async Task HealthCheckSwitch_WithNothingListening_ExitsOne()
    {
        using var database = new TestDatabase();
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (exitCode, output) = await ServiceProcess.RunAsync(database, null, "--health-check", $"http://127.0.0.1:{port}/health/ready");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("no answer"));
    }
}
