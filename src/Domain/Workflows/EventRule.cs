using System.Text.Json;

namespace Workflows.Domain.Workflows;

/// <summary>"When <see cref="Event"/> happens and <see cref="Condition"/> holds, do <see cref="Action"/>."</summary>
public sealed record EventRule(string Event, string? Condition, string Action, JsonElement? Settings);
