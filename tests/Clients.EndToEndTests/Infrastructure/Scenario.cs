using Workflows.TestSupport;

namespace Workflows.Clients.EndToEndTests.Infrastructure;

/// <summary>
/// The end-to-end scenario run as a program of its own (the TypeScript scenario under Node.js, the
/// package consumers): what it is given, and the steps it must report, in order, one
/// <c>step &lt;name&gt;</c> line each.
/// </summary>
public static class Scenario
{
    public static readonly IReadOnlyList<string> Steps =
    [
        "create a workspace", "add members", "create a workflow with tasks", "get it by id and uuid", "update it",
        "clear a field", "ETag round trip",
        "clone it", "409 on a duplicate clone name", "save as a template and page through the templates", "preview the deletion", "archive", "list with and without archived",
        "unarchive", "history: change a prompt, list versions, diff, restore", "400 on a delete without cascade", "delete with cascade",
        "read the audit log", "retry with an Idempotency-Key",
    ];

    /// <summary>The running service's address and the tokens of two new people, Alice and Bob.</summary>
    public static Dictionary<string, string> Environment()
    {
        var (alice, bob) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        return new Dictionary<string, string>
        {
            ["WORKFLOWS_API_URL"] = Testing.Service.BaseAddress.ToString().TrimEnd('/'),
            ["WORKFLOWS_ALICE_TOKEN"] = TestTokens.ForPerson(alice),
            ["WORKFLOWS_BOB_TOKEN"] = TestTokens.ForPerson(bob),
            ["WORKFLOWS_BOB_OBJECT_ID"] = bob,
        };
    }

    /// <summary>Asserts that <paramref name="run"/> ended well after reporting every step.</summary>
    public static void AssertPassed(ProcessResult run, string what)
    {
        TestContext.Out.WriteLine($"{what}:\n{run.Output}");
        Assert.That(run.ExitCode, Is.Zero, $"the scenario failed ({what}):\n{run}");
        var passed = run.Output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => l[5..]);
        Assert.That(passed, Is.EqualTo(Steps), $"{what}:\n{run}");
    }
}
