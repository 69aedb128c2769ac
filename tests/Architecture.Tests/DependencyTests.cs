namespace Workflows.Architecture.Tests;

/// <summary>Dependencies point inwards only: Api → Infrastructure → Application → Domain.</summary>
public sealed class DependencyTests
{
    [Test]
    public void Domain_ReferencesNothingButTheRuntime()
    {
        var references = Layers.ReferencedNames(Layers.Domain).ToList();

        Assert.That(references, Is.Not.Empty);
        Assert.That(references.Where(n => !(n == "System" || n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard" or "mscorlib")),
            Is.Empty);
    }

    [Test]
    public void Application_ReferencesTheDomain_AndNeitherInfrastructureNorApi()
    {
        var references = Layers.ReferencedNames(Layers.Application).ToList();

        Assert.That(references, Does.Contain(Layers.Domain.GetName().Name));
        Assert.That(references, Does.Not.Contain(Layers.Infrastructure.GetName().Name).And.Not.Contain(Layers.Api.GetName().Name));
    }

    [Test]
    public void Application_KnowsNoDatabaseProvider()
    {
        // Providers (and their error numbers) are Infrastructure's; the Application sees EF Core's abstractions only.
        Assert.That(Layers.ReferencedNames(Layers.Application).Where(n =>
            n.StartsWith("Microsoft.Data.", StringComparison.Ordinal) || n.Contains("Sqlite", StringComparison.Ordinal) || n.Contains("SqlServer", StringComparison.Ordinal)),
            Is.Empty);
    }

    [Test]
    public void Infrastructure_DoesNotReferenceTheApi()
    {
        Assert.That(Layers.ReferencedNames(Layers.Infrastructure), Does.Not.Contain(Layers.Api.GetName().Name));
    }
}
