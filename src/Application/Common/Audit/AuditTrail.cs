using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Domain.Audit;

namespace Workflows.Application.Common.Audit;

/// <summary>What an audit entry names as changed: a copy of its id, uuid and name.</summary>
public readonly record struct AuditTarget(long? Id, Guid? Uuid, string? Name);

/// <summary>
/// The audit entries of the running request. A handler records what it changed, once, after the
/// change (<see cref="Record"/>), or says that it changed nothing (<see cref="Unchanged"/>); the
/// <see cref="Behaviours.AuditBehaviour{TMessage, TResponse}"/> writes the entries in the
/// request's transaction, as its last step before the commit. An attempt that fails or is retried
/// leaves nothing here: the behaviour starts every attempt empty.
/// </summary>
public sealed class AuditTrail(ICurrentUser user, CurrentMember current, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly List<AuditEntry> _entries = [];

    internal IReadOnlyList<AuditEntry> Entries => _entries;

    /// <summary>Whether the handler has accounted for its change: recorded it, or said there was none.</summary>
    internal bool Accounted { get; private set; }

    internal void Reset()
    {
        _entries.Clear();
        Accounted = false;
    }

    /// <summary>
    /// Records one change of the caller's workspace: <paramref name="workflowVersion"/> where it
    /// made a version of a workflow (its <c>Version</c> after the change), and the action's details.
    /// </summary>
    public void Record(AuditAction action, AuditTarget target, long? workflowVersion = null, object? details = null) =>
        RecordAs(current.Member, action, target, workflowVersion, details);

    /// <summary>The same, as <paramref name="actor"/> in their workspace (a request that made the workspace, and its caller's membership, itself).</summary>
    public void RecordAs(Member actor, AuditAction action, AuditTarget target, long? workflowVersion = null, object? details = null)
    {
        var kind = JsonNamingPolicy.CamelCase.ConvertName(actor.Kind.ToString());
        _entries.Add(AuditEntry.Create(
            actor.WorkspaceId,
            clock.GetUtcNow().UtcDateTime,
            action.Name,
            (actor.Id == 0 ? null : actor.Id, user.ObjectId, user.ApplicationId, kind),
            (action.TargetType, target.Id, target.Uuid, target.Name),
            workflowVersion,
            details is null ? null : JsonSerializer.Serialize(details, details.GetType(), DetailsJson),
            Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : null));
        Accounted = true;
    }

    /// <summary>The request changed nothing (e.g. archiving an archived workflow): no entry, on purpose.</summary>
    public void Unchanged() => Accounted = true;
}

/// <summary>The targets of the actions, as each kind of thing names itself.</summary>
public static class AuditTargetOf
{
    public static AuditTarget Workflow(Workflow workflow) => new(workflow.Id, workflow.Uuid, workflow.Name);
    public static AuditTarget Member(Member member) => new(member.Id, null, member.DisplayName);
    public static AuditTarget Task(WorkflowTask task) => new(task.Id, task.Uuid, task.Name);
}
