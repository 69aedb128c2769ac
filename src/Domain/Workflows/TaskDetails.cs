namespace Workflows.Domain.Workflows;

/// <summary>The editable content of a task, given whole to the aggregate that guards it.</summary>
public sealed record TaskDetails(string Name, string? Description, string? Prompt, double? PosX, double? PosY);
