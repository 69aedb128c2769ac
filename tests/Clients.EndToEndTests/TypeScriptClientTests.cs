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
    private static readonly string[] Steps =
    [
        "create a workspace", "add members", "create a workflow with tasks", "get it by id and uuid", "update it",
        "clone it", "409 on a duplicate clone name", "save as a template and page through the templates", "preview the deletion", "archive", "list with and without archived",
        "unarchive", "400 on a delete without cascade", "delete with cascade",
    ];

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

            var (alice, bob) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
            var run = await Tools.RunAsync(node, [Path.Combine(output, "e2e", "scenario.js")], Repository.TypeScriptClient,
                new Dictionary<string, string>
                {
                    ["WORKFLOWS_API_URL"] = Testing.Service.BaseAddress.ToString().TrimEnd('/'),
                    ["WORKFLOWS_ALICE_TOKEN"] = TestTokens.ForPerson(alice),
                    ["WORKFLOWS_BOB_TOKEN"] = TestTokens.ForPerson(bob),
                    ["WORKFLOWS_BOB_OBJECT_ID"] = bob,
                },
                TimeSpan.FromMinutes(2));
            TestContext.Out.WriteLine(run.Output);

            Assert.That(run.ExitCode, Is.Zero, $"the scenario failed:\n{run}");
            var passed = run.Output.Split('\n', StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => l[5..]);
            Assert.That(passed, Is.EqualTo(Steps), run.ToString());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
