using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Application.Tasks;

namespace Workflows.Application.Workflows;

/// <summary>A workflow as the reference's WorkflowResponse describes it, with its tasks.</summary>
public sealed record WorkflowResponse
{
    public long Id { get; init; }
    public Guid Uuid { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Prompt { get; init; }
    public long OwnerId { get; init; }
    public long? AgentId { get; init; }
    public long? StartTaskId { get; init; }
    public long? DefaultPhoneNumberId { get; init; }
    public long? DefaultInboxId { get; init; }
    public double? PosX { get; init; }
    public double? PosY { get; init; }
    public required IReadOnlyList<AbilityDto> Abilities { get; init; }
    public required IReadOnlyList<EventRuleDto> EventRules { get; init; }
    public required IReadOnlyList<RoleAccessDto> MemberRoleAccess { get; init; }
    public bool Archived { get; init; }
    public required IReadOnlyList<TaskResponse> Tasks { get; init; }
    public required PermissionsResponse Permissions { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>Sent as the <c>ETag</c> header, not in the body.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";
}

/// <summary>What the caller may do to the workflow.</summary>
public sealed record PermissionsResponse(bool Use, bool Edit)
{
    public static PermissionsResponse For(WorkflowAccess access) =>
        new(access >= WorkflowAccess.Use, access >= WorkflowAccess.Edit);
}

public sealed record AbilityDto(string Type, bool Enabled, JsonElement? Settings);

public sealed record EventRuleDto(string Event, string? Condition, string Action, JsonElement? Settings);

public sealed record RoleAccessDto(MemberRole Role, WorkflowAccess Access);

/// <summary>A workflow as lists show it: its settings without its tasks.</summary>
public sealed record WorkflowSummaryResponse
{
    public long Id { get; init; }
    public Guid Uuid { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public long OwnerId { get; init; }
    public long? AgentId { get; init; }
    public long? StartTaskId { get; init; }
    public int TaskCount { get; init; }
    public bool Archived { get; init; }
    public required PermissionsResponse Permissions { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
