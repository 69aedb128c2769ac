using System.Reflection;
using Workflows.Infrastructure.Data;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// The service's compiled queries (static, as they are meant to be) bind to the first model they
/// run against, and a process normally has one. The twins are two models in one process, so before
/// a host takes its turn every compiled query forgets the model it was compiled against and is
/// compiled again, by that host's provider, on its next use.
/// </summary>
public static class CompiledQueries
{
    private static readonly Lazy<IReadOnlyList<FieldInfo>> Holders = new(() => typeof(WorkflowsDbContext).Assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
        .Where(f => typeof(Delegate).IsAssignableFrom(f.FieldType) && !f.FieldType.ContainsGenericParameters && !f.DeclaringType!.ContainsGenericParameters)
        .ToList());

    /// <summary>How many compiled queries the service holds: the reset below is only worth anything if it finds them.</summary>
    public static int Count => Queries().Count();

    public static void Forget()
    {
        foreach (var query in Queries())
            foreach (var field in ExecutorFields(query.GetType()))
                field.SetValue(query, null);
    }

    private static IEnumerable<object> Queries()
    {
        foreach (var holder in Holders.Value)
        {
            if (holder.GetValue(null) is not Delegate { Target: { } target }) continue;
            if (IsCompiledQuery(target.GetType())) { yield return target; continue; }
            foreach (var captured in target.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                if (captured.GetValue(target) is { } value && IsCompiledQuery(value.GetType())) yield return value;
        }
    }

    private static bool IsCompiledQuery(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition().Name.StartsWith("CompiledQueryBase", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The executor (with the model it was compiled for) the query caches once it has run.</summary>
    private static IEnumerable<FieldInfo> ExecutorFields(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (!field.IsInitOnly && !field.FieldType.IsValueType) yield return field;
    }
}
