namespace Workflows.Domain.Workflows;

/// <summary>The editable content of a task, given whole to the aggregate that guards it.</summary>
public sealed record TaskDetails(string Name, string? Description, string? Prompt, double? PosX, double? PosY);

/// <summary>A task as a version of the workflow held it: its id then, its details, its transitions and whether work began there.</summary>
public sealed record TaskState(long Id, TaskDetails Details, IReadOnlyList<long> NextTaskIds, bool IsStart);
