using System.Text.Json;
using Workflows.Domain.Audit;

namespace Workflows.Application.AuditLog;

/// <summary>One entry of a workspace's audit log.</summary>
public sealed record AuditEntryResponse
{
    public long Id { get; init; }

    /// <summary>The entry's place in the workspace's log: 1, 2, 3… in the order the changes committed.</summary>
    public long Sequence { get; init; }

    /// <summary>When the change was made (UTC).</summary>
    public DateTime At { get; init; }

    public required AuditActorResponse Actor { get; init; }

    /// <summary>What was done: one of the audit actions (<c>workflow.deleted</c>, <c>member.updated</c>…).</summary>
    public required string Action { get; init; }

    public required AuditTargetResponse Target { get; init; }

    /// <summary>The workflow's version after the change, where the change made one (the number its ETag starts with).</summary>
    public long? WorkflowVersion { get; init; }

    /// <summary>What else the action says, of a shape fixed per action (e.g. <c>{ "deletedTaskCount": 3 }</c>); null when nothing.</summary>
    public JsonElement? Details { get; init; }

    /// <summary>The W3C trace id of the request that made the change (32 hex digits).</summary>
    public string? TraceId { get; init; }

    public static AuditEntryResponse From(AuditEntry e) => new()
    {
        Id = e.Id,
        Sequence = e.Sequence,
        At = e.At,
        Actor = new AuditActorResponse(e.ActorMemberId, e.ActorObjectId, e.ActorAppId, e.ActorKind),
        Action = e.Action,
        Target = new AuditTargetResponse(e.TargetType, e.TargetId, e.TargetUuid, e.TargetName),
        WorkflowVersion = e.WorkflowVersion,
        Details = e.Details is null ? null : JsonDocument.Parse(e.Details).RootElement.Clone(),
        TraceId = e.TraceId,
    };
}

/// <summary>
/// Who made a change: their member id in the workspace (kept after they leave it), the token's
/// object id (<c>oid</c>), the client application it was issued to (<c>azp</c>/<c>appid</c>), and
/// the member's kind (<c>person</c> or <c>daemon</c>).
/// </summary>
public sealed record AuditActorResponse(long? MemberId, string? ObjectId, string? AppId, string? Kind);

/// <summary>What a change was made to, as it was named then (kept after it is deleted or renamed).</summary>
public sealed record AuditTargetResponse(string Type, long? Id, Guid? Uuid, string? Name);
