using Workflows.Domain.Common;
using Workflows.Domain.Workflows;

namespace Workflows.Domain.Templates;

/// <summary>A template a workspace saved from one of its workflows; only that workspace sees it.</summary>
public sealed class WorkspaceTemplate : IEntity
{
    private WorkspaceTemplate() { }

    public long Id { get; private set; }
    public Guid Uuid { get; private set; }
    public long WorkspaceId { get; private set; }
    public string Name { get; private set; } = null!;
    public string? Description { get; private set; }
    public WorkflowBlueprint Blueprint { get; private set; } = null!;
    public long CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static WorkspaceTemplate SaveFrom(Workflow workflow, string? name, string? description, long createdById) => new()
    {
        Uuid = Guid.NewGuid(),
        WorkspaceId = workflow.WorkspaceId,
        Name = Guard.Text(name ?? workflow.Name, "name", WorkflowLimits.NameMaxLength),
        Description = Guard.OptionalText(description ?? workflow.Description, "description", WorkflowLimits.DescriptionMaxLength, TextKind.MultiLine),
        Blueprint = workflow.ToBlueprint(),
        CreatedById = createdById,
    };
}
