using System.Text.Json;
using Workflows.Application.Templates;
using Workflows.Domain.Workflows;

namespace Workflows.Infrastructure.Templates;

/// <summary>The built-in templates, read once from <c>builtin-templates.json</c> shipped inside the assembly.</summary>
public sealed class BuiltInTemplateCatalog : ITemplateCatalog
{
    private const string ResourceName = "Workflows.Infrastructure.Templates.builtin-templates.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Lazy<IReadOnlyList<WorkflowTemplate>> _templates = new(Load);

    public IReadOnlyList<WorkflowTemplate> BuiltIn => _templates.Value;

    private static List<WorkflowTemplate> Load()
    {
        using var stream = typeof(BuiltInTemplateCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in template catalogue ({ResourceName}) is missing from the build.");
        var entries = JsonSerializer.Deserialize<List<Entry>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The built-in template catalogue is empty.");
        return entries.Select(e => new WorkflowTemplate(
            e.Uuid,
            e.Name,
            e.Description,
            TemplateSource.BuiltIn,
            new WorkflowBlueprint(
                e.Description,
                e.Prompt,
                e.Abilities ?? [],
                e.EventRules ?? [],
                e.Tasks.Select(t => new BlueprintTask(
                    t.Key, new TaskDetails(t.Name, t.Description, t.Prompt, t.PosX, t.PosY), t.Next ?? [], t.Start)).ToList())))
            .ToList();
    }

    private sealed record Entry(
        Guid Uuid, string Name, string? Description, string? Prompt,
        List<Ability>? Abilities, List<EventRule>? EventRules, List<TaskEntry> Tasks);

    private sealed record TaskEntry(
        string Key, string Name, string? Description, string? Prompt, double? PosX, double? PosY, List<string>? Next, bool Start);
}
