namespace Workflows.Api.FunctionalTests;

/// <summary>One service (and one SQLite file) for the whole run; every test works in workspaces of its own.</summary>
[SetUpFixture]
public sealed class Testing
{
    private static WorkflowsApiFactory? _factory;

    public static WorkflowsApiFactory Factory =>
        _factory ?? throw new InvalidOperationException("The functional test host has not started.");

    [OneTimeSetUp]
    public void StartService()
    {
        _factory = new WorkflowsApiFactory();
        SharedHost.Factory = _factory;
        _ = _factory.Server; // start now, so the first test does not pay for it
    }

    [OneTimeTearDown]
    public void StopService() => _factory?.Dispose();
}
