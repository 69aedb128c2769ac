using System.Text.Json;
using Workflows.Domain.Common;
using Workflows.Domain.Workflows;

namespace Workflows.Domain.Templates;

/// <summary>A template a workspace saved from one of its workflows; only that workspace sees it.</summary>
public sealed class WorkspaceTemplate : IEntity
{
    // The blueprint's JSON as it is stored and answered (camelCase, the web defaults).
    private static readonly JsonSerializerOptions BlueprintJson = new(JsonSerializerDefaults.Web);

    private WorkspaceTemplate() { }

    public long Id { get; private set; }
    public Guid Uuid { get; private set; }
    public long WorkspaceId { get; private set; }
    public string Name { get; private set; } = null!;
    /// <summary>The name as the list orders it (the same key as a workflow's name).</summary>
    public string NormalizedName { get; private set; } = null!;
    public string? Description { get; private set; }
    /// <summary>The blueprint's task count, kept beside it so that a list never reads the blueprint.</summary>
    public int TaskCount { get; private set; }
    public WorkflowBlueprint Blueprint { get; private set; } = null!;
    public long CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// A snapshot of <paramref name="workflow"/>'s settings, tasks and transitions, within
    /// <see cref="TemplateLimits"/> (how many templates the workspace has is the caller's check).
    /// </summary>
    public static WorkspaceTemplate SaveFrom(Workflow workflow, string? name, string? description, long createdById)
    {
        var trimmed = Guard.Text(name ?? workflow.Name, "name", WorkflowLimits.NameMaxLength);
        var blueprint = workflow.ToBlueprint();
        if (blueprint.Tasks.Count > TemplateLimits.MaxTasks)
            throw new TemplateTooLargeException($"A template can have at most {TemplateLimits.MaxTasks} tasks; the workflow has {blueprint.Tasks.Count}.");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(blueprint, BlueprintJson).Length;
        if (bytes > TemplateLimits.MaxBlueprintBytes)
            throw new TemplateTooLargeException(
                $"A template can hold at most 1 MiB (1,048,576 bytes) of settings and tasks as JSON; this workflow's take {bytes} bytes. Shorten its prompts or descriptions, or split it.");
        return new()
        {
            Uuid = Guid.NewGuid(),
            WorkspaceId = workflow.WorkspaceId,
            Name = trimmed,
            NormalizedName = Workflow.Normalize(trimmed),
            Description = Guard.OptionalText(description ?? workflow.Description, "description", WorkflowLimits.DescriptionMaxLength, TextKind.MultiLine),
            TaskCount = blueprint.Tasks.Count,
            Blueprint = blueprint,
            CreatedById = createdById,
        };
    }
}
