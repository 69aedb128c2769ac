namespace Workflows.Bench;

/// <summary>Where things are: the repository, the built service and baseline, and the run's scratch folder.</summary>
public sealed record Paths(string Root, string Configuration, string ApiDll, string BaselineDll, string Work, string Docs)
{
    public static Paths Find()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var root = new DirectoryInfo(baseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Workflows.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Run the benchmark from within the repository (Workflows.sln not found above it).");

        // bench/Workflows.Bench/bin/<Configuration>/<tfm>/
        var tfmDirectory = new DirectoryInfo(baseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent?.Name ?? "Release";
        var tfm = tfmDirectory.Name;
        var api = Path.Combine(root.FullName, "src", "Api", "bin", configuration, tfm, "Workflows.Api.dll");
        var baseline = Path.Combine(root.FullName, "bench", "Workflows.Bench.Baseline", "bin", configuration, tfm, "Workflows.Bench.Baseline.dll");
        foreach (var dll in new[] { api, baseline })
        {
            if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing: build with `dotnet run -c Release --project bench/Workflows.Bench`.");
        }
        var work = Directory.CreateDirectory(Path.Combine(root.FullName, "artifacts", "bench")).FullName;
        return new Paths(root.FullName, configuration, api, baseline, work, Path.Combine(root.FullName, "docs"));
    }
}
