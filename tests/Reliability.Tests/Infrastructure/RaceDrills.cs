namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>
/// The base of the drills that race real concurrent requests: one server on a database of its own
/// (so that no other drill's traffic shapes the races) with a workspace, and the database checked
/// sound (<see cref="Integrity"/>) after each drill.
/// </summary>
public abstract class RaceDrills
{
    protected WorkflowsApiFactory Factory { get; private set; } = null!;
    protected TestWorkspace Ws { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        Factory = new WorkflowsApiFactory();
        Ws = await TestWorkspace.CreateAsync(Factory);
    }

    /// <summary>After each drill, when all of its requests have been answered (a check in the one-time tear-down would fail no test).</summary>
    [TearDown]
    public async Task DatabaseIsSound() =>
        Assert.That(await Integrity.ViolationsAsync(Factory), Is.Empty, "the races left the database sound");

    [OneTimeTearDown]
    public void StopServer() => Factory.Dispose();
}
