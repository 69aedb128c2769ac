using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Workflows.Application.Common.Idempotency;

/// <summary>
/// A handler's result as it is kept for a retry: JSON of the whole result, including what the
/// host sends in headers rather than in the body (a property marked <see cref="JsonIgnoreAttribute"/>,
/// such as a workflow's ETag), so that the retry's answer is shaped exactly as the first one was.
/// </summary>
public static class IdempotentResults
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepIgnoredProperties } },
    };

    public static string Serialize<T>(T result) => JsonSerializer.Serialize(result, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"A stored {typeof(T).Name} was empty.");

    private static void KeepIgnoredProperties(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always }
                || !property.CanRead || !property.CanWrite) continue;
            for (var i = type.Properties.Count - 1; i >= 0; i--)
                if (type.Properties[i].Name == property.Name) type.Properties.RemoveAt(i);
            var kept = type.CreateJsonPropertyInfo(property.PropertyType, property.Name);
            kept.Get = property.GetValue;
            kept.Set = property.SetValue;
            type.Properties.Add(kept);
        }
    }
}
