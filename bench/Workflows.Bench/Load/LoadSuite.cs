using System.Net.Http.Headers;
using System.Text;
using Workflows.Bench.Seeding;

namespace Workflows.Bench.Load;

/// <summary>One server × request measured under wrk.</summary>
public sealed record LoadRow(string Request, string Server, WrkResult Result);

public sealed record LoadResults(IReadOnlyList<LoadRow> Rows, double GetRssMiB, double PeakRssMiB, IReadOnlyList<string> BodyChecks)
{
    public LoadRow Find(string request, string server) => Rows.Single(r => r.Request == request && r.Server == server);
}

/// <summary>
/// The service and the two baselines as processes of their own on core 0, wrk on core 1: first
/// that the baselines answer byte for byte what the service answers, then each request under load.
/// </summary>
public sealed class LoadSuite(Paths paths, string databasePath, MainData data, Tokens tokens, bool smoke, TextWriter log)
{
    public const string Service = "service";
    public const string Baseline = "baseline";
    public const string BaselineJwt = "baseline + JWT";

    public const string GetWorkflow = "GET workflow";
    public const string ListPage = "GET list, page 1";
    public const string DeletionPreview = "GET deletion preview";
    public const string Put = "PUT workflow";
    public const string Clone = "POST clone";

    /// <summary>
    /// Enough to keep one core busy without queueing so deep that a slow request outlasts the run
    /// (with 32, a request that costs 300 ms waits ten seconds behind the others); fewer in smoke mode.
    /// </summary>
    private int ReadConnections => smoke ? 4 : 8;
    private int WriteConnections => smoke ? 2 : 4;

    private const int ServerCore = 0;
    private const int LoadCore = 1;

    private TimeSpan Duration => smoke ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
    private TimeSpan Warmup => smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    public async Task<LoadResults> RunAsync()
    {
        var ws = $"/api/v2/w/{data.Workspace}";
        var memberToken = tokens.For(Callers.MemberOid);
        var adminToken = tokens.For(Callers.AdminOid);
        var scripts = Directory.CreateDirectory(Path.Combine(paths.Work, "wrk")).FullName;

        var serviceSettings = new Dictionary<string, string>(tokens.ServiceSettings())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Workflows"] = $"Data Source={databasePath}",
        };
        await using var service = await ServerProcess.StartAsync(Service, ServerCore, paths.ApiDll, ["--urls", "http://127.0.0.1:5391"],
            "http://127.0.0.1:5391", Path.GetDirectoryName(paths.ApiDll)!, serviceSettings, "/health/ready");
        string[] common = ["--db", databasePath, "--cursor-key", Convert.ToBase64String(tokens.CursorKey)];
        await using var baseline = await ServerProcess.StartAsync(Baseline, ServerCore, paths.BaselineDll,
            [.. common, "--urls", "http://127.0.0.1:5392", "--caller", Callers.MemberOid],
            "http://127.0.0.1:5392", Path.GetDirectoryName(paths.BaselineDll)!, null, "/health");
        await using var baselineJwt = await ServerProcess.StartAsync(BaselineJwt, ServerCore, paths.BaselineDll,
            [.. common, "--urls", "http://127.0.0.1:5393", "--jwt", "--signing-key", Convert.ToBase64String(tokens.SigningKey),
                "--issuer", Tokens.Issuer, "--audience", Tokens.Audience],
            "http://127.0.0.1:5393", Path.GetDirectoryName(paths.BaselineDll)!, null, "/health");
        log.WriteLine($"  service pid {service.Pid}, baselines {baseline.Pid} and {baselineJwt.Pid}, all on core {ServerCore}; wrk on core {LoadCore}");

        var checks = await CheckBodiesAsync(ws, memberToken, service, baseline, baselineJwt);
        await PrewarmAsync(ws, memberToken, adminToken, service, baseline, baselineJwt);

        var rows = new List<LoadRow>();
        var getIds = data.Workflows;
        var sampledRss = 0.0;
        foreach (var server in new[] { service, baseline, baselineJwt })
        {
            var token = server == baseline ? null : memberToken;
            var script = WrkScripts.Get(scripts, $"get-{server.Pid}", token, ws, getIds);
            using var sampler = server == service ? new RssSampler(server) : null;
            rows.Add(new LoadRow(GetWorkflow, server.Name, await MeasureScriptAsync(server, script)));
            if (sampler is not null) sampledRss = await sampler.StopAsync();
        }
        var peak = service.Memory().Peak;

        foreach (var server in new[] { service, baseline, baselineJwt })
        {
            var token = server == baseline ? null : memberToken;
            var script = WrkScripts.Fixed(scripts, $"list-{server.Pid}", token, $"{ws}/workflows");
            rows.Add(new LoadRow(ListPage, server.Name, await MeasureScriptAsync(server, script)));
        }

        var writeIds = data.Workflows.Take(smoke ? 100 : 2_000).ToList();
        rows.Add(new LoadRow(DeletionPreview, Service,
            await MeasureScriptAsync(service, WrkScripts.Get(scripts, "preview", adminToken, ws, writeIds, "/deletion-preview"))));
        rows.Add(new LoadRow(Put, Service, await MeasureAsync(service, tag => WrkScripts.Put(scripts, "put-" + tag, adminToken, ws, writeIds, tag), connections: WriteConnections)));
        rows.Add(new LoadRow(Clone, Service, await MeasureAsync(service, tag => WrkScripts.Clone(scripts, "clone-" + tag, adminToken, ws, writeIds, tag), connections: WriteConnections)));

        return new LoadResults(rows, sampledRss, peak, checks);
    }

    private Task<WrkResult> MeasureScriptAsync(ServerProcess server, string script) => MeasureAsync(server, _ => script, ReadConnections);

    /// <summary>A warm-up run, then the measured one, with the server's CPU time read around it.</summary>
    private async Task<WrkResult> MeasureAsync(ServerProcess server, Func<string, string> script, int connections)
    {
        var runTag = $"{DateTime.UtcNow:HHmmss}{Random.Shared.Next(1000):000}";
        await Wrk.RunAsync(LoadCore, server.Url, script("w" + runTag), Warmup, connections);
        var cpuBefore = server.CpuTime();
        var result = await Wrk.RunAsync(LoadCore, server.Url, script("m" + runTag), Duration, connections);
        result = result with { CpuTime = server.CpuTime() - cpuBefore };
        log.WriteLine($"  {server.Name,-15} {Path.GetFileNameWithoutExtension(script("m" + runTag)),-22} {result.RequestsPerSecond,9:N0} req/s  p50 {result.P50Ms,7:0.00} ms  p99 {result.P99Ms,7:0.00} ms  " +
            $"CPU {result.CpuMicrosecondsPerRequest,7:N0} µs/req  errors {result.Errors}");
        return result;
    }

    /// <summary>The baselines must write the service's bodies byte for byte, or the comparison means nothing.</summary>
    private async Task<List<string>> CheckBodiesAsync(string ws, string token, params ServerProcess[] servers)
    {
        var paths = new[] { $"{ws}/workflows/{data.Sample}", $"{ws}/workflows/{data.RichSample}", $"{ws}/workflows/{data.Workflows[^1]}", $"{ws}/workflows" };
        var checks = new List<string>();
        using var http = new HttpClient();
        foreach (var path in paths)
        {
            var bodies = new List<byte[]>();
            foreach (var server in servers)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{server.Name} answered {(int)response.StatusCode} to {path}: {Encoding.UTF8.GetString(body)}\n{server.Output}");
                bodies.Add(body);
            }
            for (var i = 1; i < servers.Length; i++)
            {
                if (bodies[i].AsSpan().SequenceEqual(bodies[0])) continue;
                var at = bodies[0].AsSpan().CommonPrefixLength(bodies[i]);
                throw new InvalidOperationException(
                    $"The {servers[i].Name} body of {path} differs from the service's at byte {at}:\n" +
                    $"  service:  …{Excerpt(bodies[0], at)}\n  {servers[i].Name}: …{Excerpt(bodies[i], at)}");
            }
            checks.Add($"{path.Replace(ws, "/api/v2/w/{ws}", StringComparison.Ordinal)}: {bodies[0].Length:N0} bytes, identical in all three");
            log.WriteLine($"  identical bodies: {checks[^1]}");
        }
        return checks;
    }

    /// <summary>A few requests of each kind one at a time, so that wrk's own warm-up does not meet a cold JIT.</summary>
    private async Task PrewarmAsync(string ws, string memberToken, string adminToken, ServerProcess service, params ServerProcess[] baselines)
    {
        using var http = new HttpClient();
        async Task Send(ServerProcess server, HttpMethod method, string path, string token, string? body = null)
        {
            using var request = new HttpRequestMessage(method, server.Url + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{server.Name} answered {(int)response.StatusCode} to {method} {path}: {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var server in baselines.Prepend(service))
        {
            for (var i = 0; i < 20; i++)
            {
                await Send(server, HttpMethod.Get, $"{ws}/workflows/{data.Workflows[i]}", memberToken);
                await Send(server, HttpMethod.Get, $"{ws}/workflows", memberToken);
            }
        }
        for (var i = 0; i < 5; i++)
        {
            var id = data.Workflows[^(i + 1)];
            await Send(service, HttpMethod.Get, $"{ws}/workflows/{id}/deletion-preview", adminToken);
            await Send(service, HttpMethod.Put, $"{ws}/workflows/{id}", adminToken, $$"""{"description":"Warm-up pass {{i}}."}""");
            await Send(service, HttpMethod.Post, $"{ws}/workflows/{id}/clone", adminToken, $$"""{"name":"Warm-up copy {{Guid.NewGuid():N}}"}""");
        }
    }

    private static string Excerpt(byte[] body, int at) =>
        Encoding.UTF8.GetString(body.AsSpan(Math.Max(0, at - 60), Math.Min(body.Length, at + 60) - Math.Max(0, at - 60)));

    /// <summary>Samples a server's resident memory every 200 ms while a run goes on.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<double> _task;

        public RssSampler(ServerProcess server) => _task = Task.Run(async () =>
        {
            var max = 0.0;
            while (!_stop.IsCancellationRequested)
            {
                max = Math.Max(max, server.Memory().Rss);
                try { await Task.Delay(200, _stop.Token); } catch (TaskCanceledException) { }
            }
            return max;
        });

        public async Task<double> StopAsync()
        {
            await _stop.CancelAsync();
            return await _task;
        }

        public void Dispose() => _stop.Dispose();
    }
}
