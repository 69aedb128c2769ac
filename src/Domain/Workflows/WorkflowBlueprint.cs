namespace Workflows.Domain.Workflows;

/// <summary>
/// A ready workflow definition (what a template holds): settings and tasks, with transitions
/// between tasks named by keys since a blueprint's tasks have no ids yet.
/// </summary>
public sealed record WorkflowBlueprint(
    string? Description,
    string? Prompt,
    IReadOnlyList<Ability> Abilities,
    IReadOnlyList<EventRule> EventRules,
    IReadOnlyList<BlueprintTask> Tasks);

/// <summary>A task of a blueprint: <see cref="Next"/> lists the keys of the tasks work moves on to.</summary>
public sealed record BlueprintTask(string Key, TaskDetails Details, IReadOnlyList<string> Next, bool IsStart);
