using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>One running service (and one SQLite file) for the whole run; every test works in workspaces of its own.</summary>
[SetUpFixture]
public sealed class Testing
{
    private static LiveService? _service;

    public static LiveService Service =>
        _service ?? throw new InvalidOperationException("The service under test has not started.");

    [OneTimeSetUp]
    public void StartService() => _service = LiveService.Start();

    [OneTimeTearDown]
    public void StopService() => _service?.Dispose();
}
