using Workflows.TestSupport;
using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>
/// The generated TypeScript client (clients/typescript), compiled with <c>tsc --strict</c> together
/// with its end-to-end scenario (clients/typescript/e2e/scenario.ts), run under Node.js against the
/// running service.
/// </summary>
public sealed class TypeScriptClientTests
{
    [Test]
    public async Task FullScenario_ThroughTheGeneratedClient_UnderNode()
    {
        const string test = "the TypeScript client's end-to-end test";
        var node = Tools.RequireNode(test);
        await Tools.EnsurePackagesAsync(Repository.TypeScriptClient, test);
        var output = Directory.CreateTempSubdirectory("workflows-ts-").FullName;
        try
        {
            var tsc = Path.Combine(Repository.TypeScriptClient, "node_modules", "typescript", "bin", "tsc");
            var compiled = await Tools.RunAsync(node, [tsc, "--strict", "-p", Path.Combine("e2e", "tsconfig.json"), "--outDir", output],
                Repository.TypeScriptClient, new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
            Assert.That(compiled.ExitCode, Is.Zero, $"tsc --strict failed:\n{compiled}");

            var run = await Tools.RunAsync(node, [Path.Combine(output, "e2e", "scenario.js")], Repository.TypeScriptClient,
                Scenario.Environment(), TimeSpan.FromMinutes(2));
            Scenario.AssertPassed(run, "the scenario from the client's sources");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
