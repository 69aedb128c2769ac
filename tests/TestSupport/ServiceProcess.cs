using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.TestSupport;

/// <summary>
/// The service as a process of its own (the built <c>Workflows.Api.dll</c> next to the tests), on
/// Kestrel on a free loopback port, on the given database: what a replica is. It runs in
/// Development with the signing key of <see cref="UserJwtsApiFactory"/>, so its tokens are
/// <see cref="UserJwtsApiFactory.Token(string, string[])"/>'s, and with a cursor key every instance shares.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>The cursor key all instances of a test share, as replicas must.</summary>
    private static readonly string SharedCursorKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("replicas"u8));

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote so far, for a failure's message.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts an instance and waits until <c>/health/ready</c> answers 200 (it migrates first).</summary>
    public static async Task<ServiceProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var process = Launch(database, settings, "--urls", baseAddress.ToString().TrimEnd('/'));
        var service = new ServiceProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new AssertionException($"The service exited with {process.ExitCode} before it was ready:\n{service.Output}");
            try
            {
                if ((await probe.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return service;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        await service.DisposeAsync();
        throw new AssertionException($"The service was not ready within 90 seconds:\n{service.Output}");
    }

    /// <summary>Runs the service with <paramref name="arguments"/> until it exits; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, IReadOnlyDictionary<string, string>? settings, params string[] arguments)
    {
        using var process = Launch(database, settings, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>An HTTP client calling as the person <paramref name="objectId"/> with every workflows scope.</summary>
    public HttpClient ClientFor(string objectId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", UserJwtsApiFactory.Token(objectId, "workflows:read", "workflows:write", "workflows:admin"));
        return client;
    }

    /// <summary>Asks the process to stop as an orchestrator does: SIGTERM (POSIX systems).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {kill.ExitCode}.");
    }

    /// <summary>Waits (at most <paramref name="limit"/>) for the process to exit; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"The service did not exit within {limit}:\n{Output}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static Process Launch(TestDatabase database, IReadOnlyDictionary<string, string>? settings, params string[] arguments)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "Workflows.Api.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Demo__Seed"] = "false",
            ["Database__Provider"] = database.ProviderSetting,
            ["ConnectionStrings__Workflows"] = database.ConnectionString,
            ["Paging__CursorKey"] = SharedCursorKey,
            ["Shutdown__DrainDelay"] = "0",
            ["Authentication__Schemes__Bearer__ValidIssuer"] = UserJwtsApiFactory.Issuer,
            ["Authentication__Schemes__Bearer__ValidAudiences__0"] = UserJwtsApiFactory.Audience,
            ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = UserJwtsApiFactory.Issuer,
            ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(UserJwtsApiFactory.SigningKey.Key),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error",
        };
        foreach (var (key, value) in TestRateLimits.Unthrottled) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
