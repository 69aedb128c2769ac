using System.Reflection;
using Workflows.Domain.Common;

namespace Workflows.Architecture.Tests;

/// <summary>One error catalogue; exceptions that carry their code; database errors known to Infrastructure only.</summary>
public sealed class ErrorCatalogueTests
{
    private static readonly ErrorCode[] Catalogue = [.. typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorCode))
        .Select(f => (ErrorCode)f.GetValue(null)!)];

    [Test]
    public void EveryCode_IsListedOnce_WithAnErrorStatus()
    {
        Assert.That(Catalogue, Has.Length.GreaterThan(20));
        Assert.That(Catalogue.Select(e => e.Code), Is.Unique);
        Assert.That(Catalogue.Where(e => e.Status is < 400 or > 599), Is.Empty);
        Assert.That(Catalogue.Where(e => e.Title == "Error"), Is.Empty, "every status in the catalogue has its title");
    }

    [Test]
    public void EveryExceptionOfDomainApplicationAndInfrastructure_CarriesItsCode()
    {
        var exceptions = new[] { Layers.Domain, Layers.Application, Layers.Infrastructure }
            .SelectMany(Layers.ConcreteTypes)
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .ToList();

        Assert.That(exceptions, Has.Count.GreaterThan(10));
        Assert.That(exceptions.Where(t => !typeof(CodedException).IsAssignableFrom(t)), Is.Empty);
    }

    [Test]
    public void NoException_LivesInAUseCaseFolder()
    {
        // Exceptions live with the layer (or aggregate) that throws them, where every other layer can see them.
        var inUseCases = Layers.ConcreteTypes(Layers.Application)
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .Where(t => t.Namespace!.Contains(".Commands.", StringComparison.Ordinal) || t.Namespace.Contains(".Queries.", StringComparison.Ordinal));

        Assert.That(inUseCases, Is.Empty);
    }

    [Test]
    public void OnlyInfrastructure_KnowsTheDatabaseProviders()
    {
        // Provider error numbers are translated in Infrastructure (DatabaseErrors), never in the Api.
        var providers = new[] { "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient" };

        Assert.That(Layers.ReferencedNames(Layers.Api).Intersect(providers), Is.Empty);
        Assert.That(Layers.ReferencedNames(Layers.Application).Intersect(providers), Is.Empty);
    }
}
