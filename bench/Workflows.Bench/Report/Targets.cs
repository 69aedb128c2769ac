using System.Globalization;
using Workflows.Bench.Load;
using Workflows.Bench.Micro;
using Workflows.Bench.Scaling;

namespace Workflows.Bench.Report;

public sealed record Target(string Name, string Goal, string Measured, bool Met);

/// <summary>The issue's targets, each judged from the run's figures.</summary>
public static class Targets
{
    public const double SameWithin = 0.20;

    public static IReadOnlyList<Target> Judge(LoadResults load, ScalingResults scaling, IReadOnlyList<MicroResult> micro)
    {
        var targets = new List<Target>();
        var get = load.Find(LoadSuite.GetWorkflow, LoadSuite.Service).Result;
        var getBase = load.Find(LoadSuite.GetWorkflow, LoadSuite.Baseline).Result;
        var getJwt = load.Find(LoadSuite.GetWorkflow, LoadSuite.BaselineJwt).Result;
        var list = load.Find(LoadSuite.ListPage, LoadSuite.Service).Result;
        var listBase = load.Find(LoadSuite.ListPage, LoadSuite.Baseline).Result;
        var put = load.Find(LoadSuite.Put, LoadSuite.Service).Result;
        var clone = load.Find(LoadSuite.Clone, LoadSuite.Service).Result;

        Ratio("GET workflow ÷ bare baseline (req/s)", get.RequestsPerSecond / getBase.RequestsPerSecond, 0.5);
        Ratio("GET workflow ÷ baseline with JWT (req/s)", get.RequestsPerSecond / getJwt.RequestsPerSecond, 0.7);
        Ratio("list page ÷ bare baseline (req/s)", list.RequestsPerSecond / listBase.RequestsPerSecond, 0.5);
        Within("PUT CPU per request ÷ GET's", put.CpuMicrosecondsPerRequest / get.CpuMicrosecondsPerRequest, 3);
        Within("clone (20 tasks) CPU per request ÷ GET's", clone.CpuMicrosecondsPerRequest / get.CpuMicrosecondsPerRequest, 3);

        Constant("SQL commands per clone", scaling.Clones);
        Constant("SQL commands per cascade delete", scaling.Deletes);
        var perTask = scaling.Clones.Points.Select(p => p.MsPerUnit).ToList();
        // A trend needs two sizes at least: with fewer, the target is not shown to hold.
        var worstRise = perTask.Count < 2 ? double.NaN : perTask.Zip(perTask.Skip(1), (a, b) => b / a).Max();
        targets.Add(new Target("time per cloned task as N grows", $"never rises (each step ≤ ×{1 + SameWithin:0.0})",
            string.Join(" → ", scaling.Clones.Points.Select(p => $"{p.MsPerUnit.ToString("0.000", CultureInfo.InvariantCulture)} ms"))
                + (perTask.Count < 2 ? " (fewer than two sizes measured)" : $" (worst step ×{worstRise:0.00})"),
            perTask.Count >= 2 && worstRise <= 1 + SameWithin));

        var first = scaling.List.Points[0];
        var last = scaling.List.Points[^1];
        Within($"cursor page {last.X:N0} ÷ page {first.X:N0} (time)", last.MedianMs / first.MedianMs, 1.5);
        targets.Add(new Target($"GET in a small workspace, another holding {scaling.Million.Tasks:N0} tasks", $"unchanged (±{SameWithin:0%})",
            $"{scaling.Million.BeforeMs:0.00} → {scaling.Million.AfterMs:0.00} ms ({scaling.Million.Change:+0%;-0%})",
            Math.Abs(scaling.Million.Change) <= SameWithin));

        var pipeline = micro.FirstOrDefault(m => m.Name == "Pipeline" && m.Tasks == 20);
        var handler = micro.FirstOrDefault(m => m.Name == "Handler" && m.Tasks == 20);
        if (pipeline is not null && handler is not null)
        {
            // What the pipeline adds around the handler: scope, dispatch, validation, authorization.
            var overheadNs = pipeline.MeanNanoseconds - handler.MeanNanoseconds;
            var overheadBytes = pipeline.AllocatedBytes - handler.AllocatedBytes;
            targets.Add(new Target("pipeline overhead per request (time)", "≤ 2 µs", $"{overheadNs / 1000:0.0} µs", overheadNs <= 2_000));
            targets.Add(new Target("pipeline overhead per request (allocated)", "≤ 2 KB", $"{overheadBytes / 1024:0.0} KB", overheadBytes <= 2_048));
        }
        targets.Add(new Target("resident memory under the GET load", "≤ 300 MB",
            $"{load.GetRssMiB:0} MiB (peak since start {load.PeakRssMiB:0} MiB)", load.GetRssMiB <= 300));
        return targets;

        void Ratio(string name, double value, double atLeast) =>
            targets.Add(new Target(name, $"≥ {atLeast:0.0}×", $"{value:0.00}×", value >= atLeast));
        void Within(string name, double value, double atMost) =>
            targets.Add(new Target(name, $"≤ {atMost:0.0}×", $"{value:0.00}×", value <= atMost));
        // Batched: a fixed number of statements (one or two more where there are transitions to copy),
        // the same at the two largest sizes.
        void Constant(string name, Curve curve)
        {
            var commands = curve.Points.Select(p => p.Commands).ToList();
            var bounded = commands.Count >= 2 && commands.Max() - commands.Min() <= 2 && commands[^1] == commands[^2];
            targets.Add(new Target(name, "does not grow with N (a fixed number of statements)",
                string.Join(", ", curve.Points.Select(p => $"{p.Commands:0} at {p.X:N0}")), bounded));
        }
    }
}
