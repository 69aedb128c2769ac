using Workflows.Domain.Common;

namespace Workflows.Domain.Audit;

/// <summary>
/// One change in a workspace, as its audit log keeps it: who made it, what it did to what, and
/// where it stands in the workspace's log (<see cref="Sequence"/>, which orders entries as their
/// changes committed). Entries never change and outlive what they name: the target is a copy of
/// its id, uuid and name, not a reference.
/// </summary>
public sealed class AuditEntry : IWorkspaceOwned
{
    public const int ObjectIdMaxLength = 200;

    private AuditEntry() { }

    public long Id { get; private set; }
    public long WorkspaceId { get; private set; }

    /// <summary>The entry's place in its workspace's log: 1, 2, 3… in the order the changes committed, with no gap.</summary>
    public long Sequence { get; private set; }

    /// <summary>
    /// When the change was made (UTC). Never earlier than the entry before it in the log
    /// (<see cref="Place"/>), so a time range is also a range of <see cref="Sequence"/>.
    /// </summary>
    public DateTime At { get; private set; }
    public string Action { get; private set; } = null!;

    public long? ActorMemberId { get; private set; }
    public string? ActorObjectId { get; private set; }
    public string? ActorAppId { get; private set; }
    public string? ActorKind { get; private set; }

    public string TargetType { get; private set; } = null!;
    public long? TargetId { get; private set; }
    public Guid? TargetUuid { get; private set; }
    public string? TargetName { get; private set; }

    /// <summary>The workflow's version after the change, where the change made one (the number its ETag is built from).</summary>
    public long? WorkflowVersion { get; private set; }

    /// <summary>What else the action says (JSON), small and of a shape fixed per action; null when nothing.</summary>
    public string? Details { get; private set; }

    /// <summary>The W3C trace id of the request that made the change.</summary>
    public string? TraceId { get; private set; }

    public static AuditEntry Create(
        long workspaceId,
        DateTime at,
        string action,
        (long? MemberId, string? ObjectId, string? AppId, string? Kind) actor,
        (string Type, long? Id, Guid? Uuid, string? Name) target,
        long? workflowVersion,
        string? details,
        string? traceId) => new()
        {
            WorkspaceId = workspaceId,
            At = at,
            Action = action,
            ActorMemberId = actor.MemberId,
            ActorObjectId = actor.ObjectId,
            ActorAppId = Clip(actor.AppId, ObjectIdMaxLength),
            ActorKind = actor.Kind,
            TargetType = target.Type,
            TargetId = target.Id,
            TargetUuid = target.Uuid,
            TargetName = target.Name,
            WorkflowVersion = workflowVersion,
            Details = details,
            TraceId = traceId,
        };

    /// <summary>
    /// Places the entry in its workspace's log, right before its change commits: its number, and
    /// its time as the log keeps it, <paramref name="at"/>: the time it was recorded, or the time
    /// of the entry before it where that is later (another instance's clock ahead of this one's).
    /// </summary>
    public void Place(long sequence, DateTime at)
    {
        if (Sequence != 0) throw new InvalidOperationException("An audit entry is placed in its log once.");
        if (at < At) throw new ArgumentOutOfRangeException(nameof(at), "An entry's time in the log is never earlier than its own.");
        Sequence = sequence;
        At = at;
    }

    /// <summary>An app id comes from the token as it is; a longer one than any real client's is cut (never inside a character).</summary>
    private static string? Clip(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
}
