using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Application.UnitTests;

/// <summary>
/// Installs what the host installs once at start: the FluentValidation settings that make error
/// keys the JSON names callers send (<c>name</c>, <c>ownerId</c>), which the tests assert on.
/// </summary>
[SetUpFixture]
public sealed class Testing
{
    [OneTimeSetUp]
    public void InstallApplicationServices() => new ServiceCollection().AddApplicationServices(new byte[32]);
}
