using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Workflows.Bench.Load;
using Workflows.Bench.Micro;
using Workflows.Bench.Scaling;
using Workflows.Bench.Seeding;

namespace Workflows.Bench.Report;

/// <summary>The machine a run measured on.</summary>
public sealed record Machine(string Cpu, int Cores, string Memory, string Os, string Kernel, string Runtime, string Sqlite, string Wrk, string Commit, string LoadBefore, string LoadAfter)
{
    public static Machine Describe(string root, string loadBefore)
    {
        static string FirstLine(string file, string key) =>
            File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?";
        var memKb = FirstLine("/proc/meminfo", "MemTotal").Split(' ')[0];
        var memory = double.TryParse(memKb, CultureInfo.InvariantCulture, out var kb) ? $"{kb / 1024 / 1024:0.0} GiB" : "?";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? "?"
            : RuntimeInformation.OSDescription;
        using var sqlite = new SqliteConnection("Data Source=:memory:");
        sqlite.Open();
        using var version = sqlite.CreateCommand();
        version.CommandText = "SELECT sqlite_version()";
        return new Machine(
            FirstLine("/proc/cpuinfo", "model name"), Environment.ProcessorCount, memory, os,
            File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "?",
            RuntimeInformation.FrameworkDescription, (string)version.ExecuteScalar()!,
            Run("wrk", "-v", root).Split('\n')[0].Split(" Copyright")[0].Trim(),
            Run("git", "rev-parse --short HEAD", root).Trim(), loadBefore, LoadAverage());
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Run(string file, string arguments, string directory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            })!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}

/// <summary>The tables of a run, as Markdown (docs/benchmarks.md) and as the console shows them.</summary>
public static class Markdown
{
    public const string Start = "<!-- results:start (written by bench/Workflows.Bench; edit outside these markers) -->";
    public const string End = "<!-- results:end -->";

    public static string Results(
        bool smoke, Volume volume, Machine machine, TimeSpan elapsed, LoadResults load, ScalingResults scaling,
        IReadOnlyList<MicroResult> micro, IReadOnlyList<Target> targets, string? chartFolder)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at commit `{machine.Commit}`, {(smoke ? "smoke mode (small volume; figures are not meaningful)" : "full mode")}, in {elapsed.TotalMinutes:0.0} minutes.");
        s.AppendLine();
        s.AppendLine("### Machine");
        s.AppendLine();
        s.AppendLine("| | |");
        s.AppendLine("|---|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| CPU | {machine.Cpu}, {machine.Cores} cores (server pinned to core 0, wrk to core 1) |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| memory | {machine.Memory} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| OS | {machine.Os}, kernel {machine.Kernel} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| runtime | {machine.Runtime}, SQLite {machine.Sqlite}, {machine.Wrk} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| load average (1, 5, 15 min) | {machine.LoadBefore} before the run, {machine.LoadAfter} after it |");
        s.AppendLine();
        s.AppendLine("### Data");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"- Under load: one workspace of {volume.BigWorkflows:N0} workflows × {volume.TasksPerWorkflow} tasks (a chain with a branch every fifth task), 100 members, " +
            $"{volume.Assignments:N0} assignments, access policies, phone numbers and inboxes; {volume.OtherWorkspaces} other workspaces of {volume.OtherWorkflows:N0} workflows × 5 tasks.");
        s.AppendLine(CultureInfo.InvariantCulture, $"- Scaling: workflows of each size, a list of {volume.ListWorkflows:N0} workflows, a small workspace, and another workspace filled with {volume.MillionTasks:N0} tasks mid-run.");
        s.AppendLine("- GET and the list are called as a plain member (the list applies its access filter); writes and the deletion preview as a workspace admin.");
        s.AppendLine();

        s.AppendLine(CultureInfo.InvariantCulture, $"### Under load (wrk, 1 thread; {(smoke ? "4 connections for reads, 2 for writes, 2 s a run" : "8 connections for reads, 4 for writes, 10 s a run after 3 s of warm-up")})");
        s.AppendLine();
        s.AppendLine("| request | server | requests | req/s | p50 | p99 | CPU per request | errors |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in load.Rows)
        {
            var r = row.Result;
            s.AppendLine(r.Requests == 0
                ? $"| {row.Request} | {row.Server} | 0 | 0 | – | – | – | {r.Errors:N0} |"
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Request} | {row.Server} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | {r.P50Ms:0.00} ms | {r.P99Ms:0.00} ms | {r.CpuMicrosecondsPerRequest:N0} µs | {r.Errors:N0} |"));
        }
        s.AppendLine();
        s.AppendLine("Service ÷ baseline (requests per second):");
        s.AppendLine();
        s.AppendLine("| request | ÷ bare baseline | ÷ baseline with JWT |");
        s.AppendLine("|---|---:|---:|");
        foreach (var request in new[] { LoadSuite.GetWorkflow, LoadSuite.ListPage })
        {
            var service = load.Find(request, LoadSuite.Service).Result.RequestsPerSecond;
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {request} | {service / load.Find(request, LoadSuite.Baseline).Result.RequestsPerSecond:0.00}× | {service / load.Find(request, LoadSuite.BaselineJwt).Result.RequestsPerSecond:0.00}× |");
        }
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Resident memory of the service under the GET load: {load.GetRssMiB:0} MiB (VmRSS, highest sample); peak since start {load.PeakRssMiB:0} MiB (VmHWM, read after the GET runs).");
        s.AppendLine();
        s.AppendLine("The baselines' bodies were compared with the service's before the runs:");
        s.AppendLine();
        foreach (var check in load.BodyChecks) s.AppendLine(CultureInfo.InvariantCulture, $"- `{check.Split(':')[0]}`:{check[(check.IndexOf(':', StringComparison.Ordinal) + 1)..]}");
        s.AppendLine();

        s.AppendLine("### Scaling (in-process host of the real service, one request at a time; SQL commands counted by an EF command interceptor)");
        s.AppendLine();
        foreach (var curve in new[] { scaling.Get, scaling.Clones, scaling.Deletes, scaling.List })
        {
            var unit = curve.Key == "list" ? "page" : "tasks";
            s.AppendLine(CultureInfo.InvariantCulture, $"**{curve.Title}**");
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"| {unit} | median time | SQL commands | {(curve.Key == "list" ? "÷ page 1" : "time per task")} |");
            s.AppendLine("|---:|---:|---:|---:|");
            foreach (var p in curve.Points)
            {
                var last = curve.Key == "list" ? $"{p.MedianMs / curve.Points[0].MedianMs:0.00}×" : $"{p.MsPerUnit * 1000:N1} µs";
                s.AppendLine(CultureInfo.InvariantCulture, $"| {p.X:N0} | {p.MedianMs:0.00} ms | {p.Commands:0} | {last} |");
            }
            s.AppendLine();
            if (chartFolder is not null) s.AppendLine(CultureInfo.InvariantCulture, $"![{curve.Title}]({chartFolder}/{curve.Key}.png)").AppendLine();
        }
        var m = scaling.Million;
        s.AppendLine("**GET workflow in a small workspace (20 workflows × 20 tasks) while another workspace grows**");
        s.AppendLine();
        s.AppendLine("| other workspace | median time | SQL commands |");
        s.AppendLine("|---|---:|---:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| empty | {m.BeforeMs:0.00} ms | {m.BeforeCommands:0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| {m.Tasks:N0} tasks | {m.AfterMs:0.00} ms | {m.AfterCommands:0} |");
        s.AppendLine();
        if (chartFolder is not null) s.AppendLine(CultureInfo.InvariantCulture, $"![GET in a small workspace]({chartFolder}/million.png)").AppendLine();

        var a = scaling.Audit;
        s.AppendLine("**The audit log's cost on a write (PUT workflow, a new description; with its entry and with a recorder that does nothing, in turns)**");
        s.AppendLine();
        s.AppendLine("| | median time | SQL commands |");
        s.AppendLine("|---|---:|---:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| without an audit entry | {a.Without.MedianMs:0.00} ms | {a.Without.Commands:0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| with its audit entry | {a.With.MedianMs:0.00} ms ({a.Change:+0%;-0%}) | {a.With.Commands:0} |");
        s.AppendLine();
        if (scaling.History.Count > 0)
        {
            s.AppendLine("**A write with the workflow's history and without it** (the same writes taking turns on the service and on a second host of it composed with a history recorder that records nothing)");
            s.AppendLine();
            s.AppendLine("| request | with history | without | change | SQL commands with / without |");
            s.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var h in scaling.History)
                s.AppendLine(CultureInfo.InvariantCulture, $"| {h.Request} | {h.WithMs:0.00} ms | {h.WithoutMs:0.00} ms | {h.Change:+0%;-0%} | {h.WithCommands:0} / {h.WithoutCommands:0} |");
            s.AppendLine();
        }

        s.AppendLine("### Request pipeline without the database (BenchmarkDotNet, in-process)");
        s.AppendLine();
        s.AppendLine("`Pipeline` is GET workflow sent through the mediator in a new scope: validation, authorization (scope and membership from the caller's claims), the handler on a workflow store and membership lookup that answer at once from memory, and the mapping. `Handler` is the handler called directly (the workflow store answering at once, the authority check, the mapping); `Claims`, `Mapping` and `Validation` are those stages alone. The pipeline's overhead is `Pipeline` − `Handler`.");
        s.AppendLine();
        s.AppendLine("| benchmark | tasks | mean | allocated |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var r in micro)
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Tasks} | {Time(r.MeanNanoseconds)} | {r.AllocatedBytes:N0} B |");
        s.AppendLine();

        s.AppendLine("### Targets");
        s.AppendLine();
        s.AppendLine("| target | goal | measured | |");
        s.AppendLine("|---|---|---|---|");
        foreach (var t in targets) s.AppendLine(CultureInfo.InvariantCulture, $"| {t.Name} | {t.Goal} | {t.Measured} | {(t.Met ? "met" : "**missed**")} |");
        return s.ToString();
    }

    private static string Time(double ns) => ns >= 1_000_000 ? $"{ns / 1_000_000:0.00} ms" : ns >= 1_000 ? $"{ns / 1000:0.00} µs" : $"{ns:0} ns";

    /// <summary>Replaces what lies between the markers of <paramref name="file"/>, keeping the rest.</summary>
    public static void WriteInto(string file, string results)
    {
        var block = Start + "\n" + results.TrimEnd() + "\n" + End;
        if (!File.Exists(file))
        {
            File.WriteAllText(file, "# Benchmarks\n\n" + block + "\n");
            return;
        }
        var text = File.ReadAllText(file);
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = start >= 0 && end > start
            ? text[..start] + block + text[(end + End.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(file, text);
    }
}
