using NJsonSchema.Generation;
using Workflows.Domain.Workflows;

namespace Workflows.Api.OpenApi;

/// <summary>
/// <c>none</c> is how the service computes "no authority"; no request may send it and no
/// response carries it, so the document offers only use, edit, delete and admin.
/// </summary>
public sealed class AccessLevelSchema : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        if (context.ContextualType.Type != typeof(WorkflowAccess)) return;
        var index = context.Schema.Enumeration.ToList().FindIndex(v => v is "none");
        if (index < 0) return;
        context.Schema.Enumeration.Remove("none");
        if (context.Schema.EnumerationNames.Count > index) context.Schema.EnumerationNames.RemoveAt(index);
    }
}
