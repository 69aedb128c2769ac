using NJsonSchema;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Workflows.Api.OpenApi;

/// <summary>
/// Nullability as OpenAPI 3.0 spells it, where NJsonSchema's output is not: <c>nullable</c> counts
/// only beside a <c>type</c>. A nullable reference to an enum (an optional field that may be sent
/// as null) becomes the enum's <c>type</c> and values inline, with <c>nullable</c> and a null value;
/// any other nullable reference <c>type</c> + <c>nullable</c> + <c>allOf: [$ref]</c>; a reference wrapped in a one-item <c>oneOf</c> without
/// <c>nullable</c> becomes the plain <c>$ref</c>; and an any-value schema (a <c>JsonElement</c>)
/// drops the <c>nullable</c> that has no type to qualify, since it already takes any JSON value.
/// </summary>
public sealed class NullableSchemas : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context)
    {
        var schemas = context.Document.Components.Schemas;
        var names = schemas.ToDictionary(s => s.Value, s => s.Key);
        var seen = new HashSet<JsonSchema>();
        foreach (var schema in schemas.Values) Visit(schema, seen, names);
    }

    private static void Visit(JsonSchema schema, HashSet<JsonSchema> seen, Dictionary<JsonSchema, string> names)
    {
        if (!seen.Add(schema)) return;
        Fix(schema, names);
        foreach (var property in schema.Properties.Values) Visit(property, seen, names);
        foreach (var part in schema.AllOf.Concat(schema.OneOf).Concat(schema.AnyOf)) Visit(part, seen, names);
        if (schema.Item is { } item) Visit(item, seen, names);
        if (schema.AdditionalPropertiesSchema is { } additional) Visit(additional, seen, names);
    }

    private static void Fix(JsonSchema schema, Dictionary<JsonSchema, string> names)
    {
        if (schema.OneOf.Count == 1 && schema.OneOf.Single() is { Reference: { } target } && schema.DiscriminatorObject is null)
        {
            if (schema.IsNullableRaw == true && target.ActualSchema.IsEnumeration)
            {
                // The enum's values inline, and null: a $ref beside 'type' would be read as a plain
                // string by the client generators, which see a reference only in a schema without one.
                var values = target.ActualSchema;
                schema.OneOf.Clear();
                schema.Type = values.Type & ~JsonObjectType.Null;
                foreach (var value in values.Enumeration) schema.Enumeration.Add(value);
                foreach (var name in values.EnumerationNames) schema.EnumerationNames.Add(name);
                schema.Enumeration.Add(null);
                if (string.IsNullOrEmpty(schema.Description)) schema.Description = $"A {names.GetValueOrDefault(values, "value")} value, or null: the same as leaving it out.";
            }
            else if (schema.IsNullableRaw == true)
            {
                schema.OneOf.Clear();
                schema.AllOf.Add(new JsonSchema { Reference = target });
                schema.Type = target.ActualSchema.Type & ~JsonObjectType.Null;
            }
            else
            {
                schema.OneOf.Clear();
                schema.Reference = target;
            }
        }
        else if (schema.IsNullableRaw == true && schema.Type == JsonObjectType.None && !schema.HasReference
                 && schema.AllOf.Count == 0 && schema.OneOf.Count == 0 && schema.AnyOf.Count == 0)
        {
            schema.IsNullableRaw = null;
        }
    }
}
