using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Application.Workflows.History;

/// <summary>One version of a workflow as its history lists it (the workflow itself is at <c>…/versions/{version}</c>).</summary>
public sealed record WorkflowVersionSummaryResponse
{
    /// <summary>The workflow's version after the change: the number its ETag carried then.</summary>
    public long Version { get; init; }

    public DateTime CreatedAt { get; init; }
    public required VersionActorResponse Actor { get; init; }
    public WorkflowChange Change { get; init; }

    /// <summary>A short sentence saying what changed.</summary>
    public required string Summary { get; init; }

    /// <summary>For a restore (<c>change: restored</c>): the version it restored; otherwise null.</summary>
    public long? RestoredVersion { get; init; }

    /// <summary>For <c>cloned</c>, the uuid of the workflow copied; for <c>createdFromTemplate</c>, the template's; otherwise null.</summary>
    public Guid? SourceUuid { get; init; }
}

/// <summary>Who made a change, as they were then (they may have left the workspace since).</summary>
public sealed record VersionActorResponse(long MemberId, string DisplayName, MemberKind Kind);

/// <summary>A JSON Patch operation (RFC 6902).</summary>
public enum JsonPatchOp
{
    Add,
    Remove,
    Replace,
    Move,
}

/// <summary>
/// One operation of a JSON Patch (RFC 6902): <c>path</c> is a JSON Pointer (RFC 6901) into the
/// workflow; <c>from</c> only on a move, <c>value</c> only on add and replace.
/// </summary>
public sealed record JsonPatchOperation
{
    public JsonPatchOp Op { get; init; }
    public required string Path { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? From { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Value { get; init; }
}
