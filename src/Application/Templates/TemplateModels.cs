using System.Text.Json.Serialization;
using Workflows.Application.Workflows;

namespace Workflows.Application.Templates;

/// <summary>Where a template comes from: the built-in catalogue, or a workspace's own.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TemplateSource>))]
public enum TemplateSource
{
    [JsonStringEnumMemberName("builtin")] BuiltIn,
    [JsonStringEnumMemberName("workspace")] Workspace,
}

/// <summary>A template as the catalogue holds it.</summary>
public sealed record WorkflowTemplate(Guid Uuid, string Name, string? Description, TemplateSource Source, WorkflowBlueprint Blueprint);

/// <summary>The built-in templates, shipped with the service as data.</summary>
public interface ITemplateCatalog
{
    IReadOnlyList<WorkflowTemplate> BuiltIn { get; }
}

/// <summary>A template as the list shows it: what it is, without its settings or tasks (GET the template for those).</summary>
/// <param name="Uuid">The template's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Source">builtin (the service's catalogue) or workspace (saved from one of this workspace's workflows).</param>
/// <param name="TaskCount">How many tasks a workflow made from it starts with.</param>
/// <param name="CreatedAt">When the workspace saved it; null for a built-in template.</param>
public sealed record TemplateSummaryResponse(Guid Uuid, string Name, string? Description, TemplateSource Source, int TaskCount, DateTime? CreatedAt);

public sealed record TemplateTaskResponse(
    string Key, string Name, string? Description, string? Prompt, double? PosX, double? PosY, IReadOnlyList<string> NextTaskKeys, bool Start);

public sealed record TemplateResponse(
    Guid Uuid,
    string Name,
    string? Description,
    TemplateSource Source,
    string? Prompt,
    IReadOnlyList<AbilityDto> Abilities,
    IReadOnlyList<EventRuleDto> EventRules,
    IReadOnlyList<TemplateTaskResponse> Tasks)
{
    public static TemplateResponse From(WorkflowTemplate t) => new(
        t.Uuid, t.Name, t.Description, t.Source, t.Blueprint.Prompt,
        t.Blueprint.Abilities.Select(a => a.ToDto()).ToList(),
        t.Blueprint.EventRules.Select(r => r.ToDto()).ToList(),
        t.Blueprint.Tasks.Select(task => new TemplateTaskResponse(
            task.Key, task.Details.Name, task.Details.Description, task.Details.Prompt, task.Details.PosX, task.Details.PosY,
            task.Next, task.IsStart)).ToList());
}

internal static class Templates
{
    public static WorkflowTemplate ToTemplate(this Domain.Templates.WorkspaceTemplate t) =>
        new(t.Uuid, t.Name, t.Description, TemplateSource.Workspace, t.Blueprint);

    /// <summary>A built-in template, or one of the caller's workspace; nothing of other workspaces.</summary>
    public static async Task<WorkflowTemplate> FindAsync(
        this IApplicationDbContext db, ITemplateCatalog catalog, long workspaceId, Guid uuid, CancellationToken ct)
    {
        if (catalog.BuiltIn.FirstOrDefault(t => t.Uuid == uuid) is { } builtIn) return builtIn;
        var own = await db.WorkspaceTemplates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Uuid == uuid && t.WorkspaceId == workspaceId, ct);
        return own?.ToTemplate() ?? throw new NotFoundException("The template does not exist.");
    }
}
