namespace Workflows.TestSupport;

/// <summary>
/// The service a test assembly's tests share, started by its set-up fixture; the workspaces of
/// <see cref="TestWorkspace.CreateAsync()"/> are created in it.
/// </summary>
public static class SharedHost
{
    private static WorkflowsApiFactory? _factory;

    public static WorkflowsApiFactory Factory
    {
        get => _factory ?? throw new InvalidOperationException("No test host has started: the assembly's set-up fixture sets SharedHost.Factory.");
        set => _factory = value;
    }
}
