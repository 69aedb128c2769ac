using System.Reflection;
using Namotion.Reflection;
using NJsonSchema;
using NJsonSchema.Generation.TypeMappers;

namespace Workflows.Api.OpenApi;

/// <summary>
/// Describes an <see cref="Optional{T}"/> body field as the nullable <c>T</c> it carries on the
/// wire, so the document and the generated clients see plain optional properties.
/// </summary>
public sealed class OptionalTypeMapper(Type optionalType) : ITypeMapper
{
    public Type MappedType { get; } = optionalType;

    public bool UseReference => false;

    public void GenerateSchema(JsonSchema schema, TypeMapperContext context)
    {
        var carried = MappedType.GetGenericArguments()[0];
        context.JsonSchemaGenerator.Generate(schema, carried.ToContextualType(), context.JsonSchemaResolver);
        schema.IsNullableRaw = true;
    }

    /// <summary>One mapper for every closed <c>Optional&lt;T&gt;</c> that a request of <paramref name="assembly"/> uses.</summary>
    public static IEnumerable<ITypeMapper> For(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Optional<>))
            .Distinct()
            .Select(t => new OptionalTypeMapper(t));
}
