using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Workflows.Client;

/// <summary>
/// A request body that can clear fields. Its null properties are left out like any other's (a PUT
/// changes only what it carries), except those named with <c>Clear</c>, which are sent as
/// <c>null</c>: that clears the field.
/// </summary>
public interface IClearsProperties
{
    /// <summary>Whether the property (by its .NET name) is sent as null while it is null.</summary>
    bool Clears(string propertyName);
}

/// <summary>The body of a workflow's PUT: <c>new UpdateWorkflowRequest { Name = "…" }.Clear(r => r.Description)</c>.</summary>
public partial class UpdateWorkflowRequest : IClearsProperties
{
    private readonly HashSet<string> _cleared = [];

    /// <summary>
    /// Sets <paramref name="property"/> to null and sends it as null, which clears the field
    /// (<c>request.Clear(r => r.AgentId)</c>). Setting the property again sends the new value.
    /// </summary>
    public UpdateWorkflowRequest Clear<TValue>(Expression<Func<UpdateWorkflowRequest, TValue>> property)
    {
        ClearedProperties.Add(this, property, _cleared);
        return this;
    }

    bool IClearsProperties.Clears(string propertyName) => _cleared.Contains(propertyName);
}

/// <summary>The body of a task's PUT: <c>new UpdateTaskRequest().Clear(r => r.Description)</c>.</summary>
public partial class UpdateTaskRequest : IClearsProperties
{
    private readonly HashSet<string> _cleared = [];

    /// <summary>
    /// Sets <paramref name="property"/> to null and sends it as null, which clears the field
    /// (<c>request.Clear(r => r.Description)</c>). Setting the property again sends the new value.
    /// </summary>
    public UpdateTaskRequest Clear<TValue>(Expression<Func<UpdateTaskRequest, TValue>> property)
    {
        ClearedProperties.Add(this, property, _cleared);
        return this;
    }

    bool IClearsProperties.Clears(string propertyName) => _cleared.Contains(propertyName);
}

/// <summary>How <see cref="IClearsProperties"/> requests record and write their cleared properties.</summary>
internal static class ClearedProperties
{
    public static void Add<TRequest, TValue>(TRequest request, Expression<Func<TRequest, TValue>> property, HashSet<string> cleared)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.Body is not MemberExpression { Member: PropertyInfo info, Expression: ParameterExpression }
            || info.GetCustomAttribute<JsonPropertyNameAttribute>() is null || !info.CanWrite)
        {
            throw new ArgumentException($"Name a property of {typeof(TRequest).Name}, as in r => r.Description.", nameof(property));
        }
        if (info.PropertyType.IsValueType && Nullable.GetUnderlyingType(info.PropertyType) is null)
            throw new ArgumentException($"{typeof(TRequest).Name}.{info.Name} cannot be null, so it cannot be cleared.", nameof(property));
        info.SetValue(request, null);
        cleared.Add(info.Name);
    }

    /// <summary>
    /// A contract modifier: a property of an <see cref="IClearsProperties"/> request is written when
    /// it has a value or when the request clears it (as null); otherwise, null, it is left out.
    /// </summary>
    public static void WriteCleared(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || !typeof(IClearsProperties).IsAssignableFrom(type.Type)) return;
        foreach (var property in type.Properties)
        {
            if (property.IsExtensionData || property.AttributeProvider is not PropertyInfo info) continue;
            var name = info.Name;
            property.ShouldSerialize = (request, value) => value is not null || ((IClearsProperties)request).Clears(name);
        }
    }
}
