using System.Reflection;

namespace Workflows.Architecture.Tests;

/// <summary>The four layers' assemblies, and what each may see.</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Workflows.Domain.Workflows.Workflow).Assembly;
    public static readonly Assembly Application = typeof(Workflows.Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Workflows.Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Workflows.Api.DependencyInjection).Assembly;

    public static IEnumerable<string> ReferencedNames(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!);

    /// <summary>The concrete types of an assembly, generated ones included.</summary>
    public static IEnumerable<Type> ConcreteTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false });
}
