using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Bench.Load;

/// <summary>What one wrk run measured.</summary>
public sealed record WrkResult(long Requests, double Seconds, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors)
{
    public TimeSpan CpuTime { get; init; }
    public double CpuMicrosecondsPerRequest => Requests == 0 ? double.NaN : CpuTime.TotalMicroseconds / Requests;
}

/// <summary>Drives wrk (pinned to its own core) and reads its report.</summary>
public static partial class Wrk
{
    /// <summary>
    /// Runs wrk for <paramref name="duration"/> with one thread and <paramref name="connections"/>
    /// connections, the request shaped by the Lua <paramref name="script"/>.
    /// </summary>
    public static async Task<WrkResult> RunAsync(int core, string url, string script, TimeSpan duration, int connections)
    {
        var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "-c", core.ToString(CultureInfo.InvariantCulture), "wrk", "-t1", $"-c{connections}",
            $"-d{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s", "--timeout", "30s", "--latency", "-s", script, url,
        })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {error}\n{output}");
        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        var total = TotalLine().Match(output);
        if (!total.Success) throw new FormatException("No request count in wrk's output:\n" + output);
        var requests = long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = Duration(total.Groups[2].Value) / 1000;
        var rps = double.Parse(RateLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p50 = Percentile(output, "50%");
        var p99 = Percentile(output, "99%");
        var non2xx = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output);
        long socketErrors = 0;
        if (socket.Success)
        {
            for (var i = 1; i <= 4; i++) socketErrors += long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture);
        }
        return new WrkResult(requests, seconds, rps, p50, p99, non2xx + socketErrors);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, @"^\s+" + Regex.Escape(label) + @"\s+([\d.]+\w+)", RegexOptions.Multiline);
        return match.Success ? Duration(match.Groups[1].Value) : double.NaN;
    }

    /// <summary>wrk's durations (us, ms, s, m) in milliseconds.</summary>
    private static double Duration(string text)
    {
        var match = Regex.Match(text, @"^([\d.]+)(us|ms|s|m)$");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
    }

    [GeneratedRegex(@"(\d+) requests in ([\d.]+\w+),")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

/// <summary>The Lua scripts wrk runs: a bearer token, and paths or bodies that rotate through many workflows.</summary>
public static class WrkScripts
{
    public static string Get(string directory, string name, string? token, string workspacePath, IReadOnlyList<long> ids, string suffix = "") =>
        Write(directory, name, token, ids, $$"""
            request = function()
              n = n + 1
              return wrk.format("GET", "{{workspacePath}}/workflows/" .. ids[(n % #ids) + 1] .. "{{suffix}}")
            end
            """);

    public static string Fixed(string directory, string name, string? token, string path) =>
        Write(directory, name, token, [], $$"""
            request = function()
              return wrk.format("GET", "{{path}}")
            end
            """);

    public static string Put(string directory, string name, string token, string workspacePath, IReadOnlyList<long> ids, string tag) =>
        Write(directory, name, token, ids, $$"""
            request = function()
              n = n + 1
              return wrk.format("PUT", "{{workspacePath}}/workflows/" .. ids[(n % #ids) + 1],
                nil, '{"description":"Reviewed in run {{tag}}, pass ' .. n .. '."}')
            end
            """);

    public static string Clone(string directory, string name, string token, string workspacePath, IReadOnlyList<long> ids, string tag) =>
        Write(directory, name, token, ids, $$"""
            request = function()
              n = n + 1
              return wrk.format("POST", "{{workspacePath}}/workflows/" .. ids[(n % #ids) + 1] .. "/clone",
                nil, '{"name":"Copy {{tag}}-' .. n .. '"}')
            end
            """);

    private static string Write(string directory, string name, string? token, IReadOnlyList<long> ids, string body)
    {
        var path = Path.Combine(directory, name + ".lua");
        var header = token is null ? "" : $"wrk.headers[\"Authorization\"] = \"Bearer {token}\"\n";
        File.WriteAllText(path,
            header +
            "wrk.headers[\"Content-Type\"] = \"application/json\"\n" +
            $"ids = {{{string.Join(",", ids)}}}\n" +
            "n = 0\n" +
            body + "\n");
        return path;
    }
}
