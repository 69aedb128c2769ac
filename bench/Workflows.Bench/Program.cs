using System.Diagnostics;
using Workflows.Bench.Load;
using Workflows.Bench.Micro;
using Workflows.Bench.Report;
using Workflows.Bench.Scaling;
using Workflows.Bench.Seeding;

namespace Workflows.Bench;

// dotnet run -c Release --project bench/Workflows.Bench [-- --smoke]
//
// Seeds SQLite databases, runs the service and the two baselines under wrk (server on core 0, wrk
// on core 1), draws the scaling curves on an in-process host of the service, runs the pipeline's
// micro-benchmarks, prints the tables and the targets, and (full mode) writes docs/benchmarks.md
// with its charts. --smoke: small volume and one-second runs, to prove the benchmark still works.
// Exits non-zero only when something does not work (a baseline body differs, a request fails);
// a missed target is reported, not failed.
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var volume = smoke ? Volume.Smoke : Volume.Full;
        var log = Console.Out;
        var total = Stopwatch.StartNew();
        var loadBefore = Machine.LoadAverage();

        var paths = Paths.Find();
        if (paths.Configuration != "Release")
            log.WriteLine($"warning: this is a {paths.Configuration} build; figures are only meaningful in Release (-c Release).");
        foreach (var tool in new[] { "wrk", "taskset" })
        {
            if (!File.Exists($"/usr/bin/{tool}") && !File.Exists($"/usr/local/bin/{tool}"))
            {
                Console.Error.WriteLine($"{tool} is required (Debian: apt-get install -y {(tool == "wrk" ? "wrk" : "util-linux")}).");
                return 2;
            }
        }
        if (Environment.ProcessorCount < 2) log.WriteLine("warning: fewer than two cores; the server and wrk share one.");

        var tokens = new Tokens();
        log.WriteLine($"== Seeding the main database ({(smoke ? "smoke" : "full")} volume)");
        var watch = Stopwatch.StartNew();
        var mainDb = Path.Combine(paths.Work, "main.db");
        var data = await Datasets.SeedMainAsync(mainDb, volume);
        log.WriteLine($"  {volume.BigWorkflows:N0} workflows × {volume.TasksPerWorkflow} tasks and the rest in {watch.Elapsed.TotalSeconds:0.0} s");

        log.WriteLine("== Under load: service, bare baseline, baseline with JWT");
        var load = await new LoadSuite(paths, mainDb, data, tokens, smoke, log).RunAsync();

        log.WriteLine("== Scaling curves (in-process)");
        var scaling = await new ScalingSuite(Path.Combine(paths.Root, "src", "Api"), Path.Combine(paths.Work, "scaling.db"), volume, tokens, log).RunAsync();

        log.WriteLine("== Pipeline micro-benchmarks (BenchmarkDotNet)");
        var micro = MicroSuite.Run(smoke, Path.Combine(paths.Work, "micro"), log);

        var targets = Targets.Judge(load, scaling, micro);
        var machine = Machine.Describe(paths.Root, loadBefore);
        var chartFolder = smoke ? Path.Combine(paths.Work, "charts") : Path.Combine(paths.Docs, "benchmarks");
        Charts.Draw(scaling, chartFolder);
        var results = Markdown.Results(smoke, volume, machine, total.Elapsed, load, scaling, micro, targets, smoke ? null : "benchmarks");

        log.WriteLine();
        log.WriteLine(results);
        if (smoke)
        {
            File.WriteAllText(Path.Combine(paths.Work, "benchmarks-smoke.md"), results);
            log.WriteLine($"Smoke run: tables in {Path.GetRelativePath(paths.Root, Path.Combine(paths.Work, "benchmarks-smoke.md"))}, charts in {Path.GetRelativePath(paths.Root, chartFolder)}.");
        }
        else
        {
            Markdown.WriteInto(Path.Combine(paths.Docs, "benchmarks.md"), results);
            log.WriteLine("Written: docs/benchmarks.md and docs/benchmarks/*.png");
        }
        log.WriteLine($"{targets.Count(t => t.Met)} targets met, {targets.Count(t => !t.Met)} missed; {total.Elapsed.TotalMinutes:0.0} minutes.");
        return 0;
    }
}
