namespace Workflows.Reliability.Tests;

/// <summary>
/// The host the drills that need no isolation share (each works in workspaces of its own), and the
/// figures report, written once every drill has run.
/// </summary>
[SetUpFixture]
public sealed class Reliability
{
    private static readonly Lazy<WorkflowsApiFactory> SharedFactory = new(() =>
    {
        var factory = new WorkflowsApiFactory();
        _ = factory.Server;
        return factory;
    });

    /// <summary>One service on one SQLite file, started on first use.</summary>
    public static WorkflowsApiFactory Factory => SharedFactory.Value;

    [OneTimeTearDown]
    public void Finish()
    {
        if (SharedFactory.IsValueCreated) SharedFactory.Value.Dispose();
        Figures.WriteReport();
    }
}
