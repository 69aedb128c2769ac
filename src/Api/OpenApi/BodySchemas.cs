using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NJsonSchema;
using NJsonSchema.Generation;

namespace Workflows.Api.OpenApi;

/// <summary>
/// The bodies as the service reads and writes them. Which properties a body always has, so that
/// generated clients type them as present: a response always carries every property (null when it
/// has no value) except the few written only when set; a request or a nested value needs its
/// non-nullable properties, and the fields its validator insists on (listed here, as the request
/// types leave them nullable so that a missing one is reported as a 400 naming it rather than a
/// failed bind).
/// </summary>
public sealed class BodySchemas : ISchemaProcessor
{
    /// <summary>Request fields that validation requires, by request type name.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredRequestFields = new Dictionary<string, string[]>
    {
        ["CreateWorkspaceRequest"] = ["name"],
        ["AddMemberRequest"] = ["kind", "displayName", "role"],
        ["CreateWorkflowRequest"] = ["name"],
        ["CloneWorkflowRequest"] = ["name"],
        ["CreateTaskRequest"] = ["name"],
        ["CreateWorkflowFromTemplateRequest"] = ["name"],
        ["CreateAssignmentRequest"] = ["workflowId", "title"],
        ["CreateInboxRequest"] = ["address"],
        ["CreatePhoneNumberRequest"] = ["number"],
    };

    public void Process(SchemaProcessorContext context)
    {
        var schema = context.Schema;
        if (schema.Type != JsonObjectType.Object || schema.Properties.Count == 0) return;
        var type = context.ContextualType.Type;
        if (type.Namespace?.StartsWith("Workflows.", StringComparison.Ordinal) != true) return;

        var isResponse = !type.Name.EndsWith("Request", StringComparison.Ordinal) && !type.Name.EndsWith("Dto", StringComparison.Ordinal);
        var writtenOnlyWhenSet = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToHashSet();
        RequiredRequestFields.TryGetValue(type.Name, out var validated);

        foreach (var (name, property) in schema.Properties)
        {
            if (validated?.Contains(name) == true)
            {
                property.IsRequired = true;
                property.IsNullableRaw = null;
            }
            else if (isResponse ? !writtenOnlyWhenSet.Contains(name) : property.IsNullableRaw != true && !property.IsNullable(SchemaType.OpenApi3))
            {
                property.IsRequired = true;
            }
        }
    }
}
