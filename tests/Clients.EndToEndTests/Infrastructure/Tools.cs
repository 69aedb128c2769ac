using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Workflows.Clients.EndToEndTests.Infrastructure;

/// <summary>
/// The programs the TypeScript and browser tests drive (node, npm, Chromium), and the rule for
/// when they are missing: a developer's machine skips the test and says why; CI (<c>CI=true</c>) fails.
/// </summary>
public static class Tools
{
    /// <summary>Where Debian's chromium package puts the browser; <c>CHROMIUM_PATH</c> names another.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci
        && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    /// <summary>node, or a skip (a failure under CI) that says it is missing.</summary>
    public static string RequireNode(string test) => Require(Find("node"), $"Node.js (node) is not on PATH, so {test} cannot run");

    public static string RequireNpm(string test) => Require(Find("npm"), $"npm is not on PATH, so {test} cannot run");

    public static string RequireChromium(string test)
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultChromium;
        return Require(File.Exists(path) ? path : null, $"Chromium is not at {path} (set CHROMIUM_PATH), so {test} cannot run");
    }

    private static string Require(string? found, string why)
    {
        if (found is not null) return found;
        if (IsCi) Assert.Fail($"{why}. CI=true: it must run here.");
        Assert.Ignore($"{why}. Install it to run this test; CI runs it.");
        return null!; // not reached: Ignore throws
    }

    /// <summary>A program on PATH (with Windows' extensions), or null.</summary>
    public static string? Find(string name)
    {
        var extensions = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new[] { ".exe", ".cmd", ".bat" } : [""];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => extensions.Select(ext => Path.Combine(dir, name + ext)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Installs a Node project's locked packages (npm ci) unless they already are.</summary>
    public static async Task EnsurePackagesAsync(string project, string test)
    {
        if (Directory.Exists(Path.Combine(project, "node_modules"))) return;
        var npm = RequireNpm(test);
        var result = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], project, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        Assert.That(result.ExitCode, Is.Zero, $"npm ci in {project} failed:\n{result}");
    }

    public static async Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.\n{await stdout}\n{await stderr}");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
