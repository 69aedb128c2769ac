using BenchmarkDotNet.Running;

namespace Workflows.Bench.Micro;

/// <summary>
/// Standalone: <c>dotnet run -c Release --project bench/Workflows.Bench.Micro</c> runs the
/// micro-benchmarks with BenchmarkDotNet's own switches (--filter, --job, ...); the orchestrator
/// runs them in its own process through <see cref="MicroSuite"/>.
/// </summary>
internal static class MicroProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
}
