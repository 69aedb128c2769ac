using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Workflows.Bench.Micro;

/// <summary>One micro-benchmark's figures: mean time and bytes allocated per operation.</summary>
public sealed record MicroResult(string Name, int Tasks, double MeanNanoseconds, double AllocatedBytes);

/// <summary>Runs <see cref="PipelineBenchmarks"/> in this process and hands back its figures.</summary>
public static class MicroSuite
{
    public static IReadOnlyList<MicroResult> Run(bool smoke, string artifacts, TextWriter log)
    {
        var job = (smoke ? Job.Dry.WithIterationCount(3) : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(new LogWriter(log))
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<PipelineBenchmarks>(config);
        return summary.Reports.Select(Result).ToList();
    }

    private static MicroResult Result(BenchmarkReport report)
    {
        var tasks = report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(PipelineBenchmarks.Tasks))?.Value is int n ? n : 0;
        var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
        return new MicroResult(report.BenchmarkCase.Descriptor.WorkloadMethod.Name, tasks, report.ResultStatistics?.Mean ?? double.NaN, bytes);
    }

    private sealed class LogWriter(TextWriter writer) : ILogger
    {
        public string Id => nameof(LogWriter);
        public int Priority => 0;
        // Only errors: the orchestrator prints the figures in its own tables.
        public void Write(LogKind logKind, string text)
        {
            if (logKind is LogKind.Error) writer.Write(text);
        }
        public void WriteLine() { }
        public void WriteLine(LogKind logKind, string text)
        {
            if (logKind is LogKind.Error) writer.WriteLine(text);
        }
        public void Flush() => writer.Flush();
    }
}
