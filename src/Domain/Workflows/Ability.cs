using System.Text.Json;

namespace Workflows.Domain.Workflows;

/// <summary>A capability switched on or off for a workflow, with free-form settings.</summary>
public sealed record Ability(string Type, bool Enabled, JsonElement? Settings);
