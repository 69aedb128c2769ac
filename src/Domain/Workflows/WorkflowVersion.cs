using Workflows.Domain.Common;
using Workflows.Domain.Members;

namespace Workflows.Domain.Workflows;

/// <summary>What kind of change made a version of a workflow.</summary>
public enum WorkflowChange
{
    Created,
    CreatedFromTemplate,
    Cloned,
    Updated,
    TaskCreated,
    TaskUpdated,
    TaskDeleted,
    Archived,
    Unarchived,
    Restored,
}

/// <summary>
/// One version of a workflow in its history: the whole workflow as it was after a change (its
/// settings, tasks and transitions, as JSON), who made the change, when, and what kind of change
/// it was. Written in the transaction of the change; never changed afterwards. <see cref="Version"/>
/// is the workflow's <see cref="Workflow.Version"/> after the change, unique per workflow.
/// </summary>
public sealed class WorkflowVersion : IEntity
{
    public const int SummaryMaxLength = 500;

    private WorkflowVersion() { }

    public long Id { get; private set; }
    public long WorkflowId { get; private set; }
    public long Version { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>The member who made the change, as they were then (they may have left since).</summary>
    public long ActorMemberId { get; private set; }

    public string ActorDisplayName { get; private set; } = null!;
    public MemberKind ActorKind { get; private set; }
    public WorkflowChange Change { get; private set; }

    /// <summary>A short sentence for people ("Prompt and tasks changed", "Restored version 4").</summary>
    public string Summary { get; private set; } = null!;

    /// <summary>For a restore: the version it restored.</summary>
    public long? RestoredVersion { get; private set; }

    /// <summary>For a clone, the uuid of the workflow it copied; for a workflow made from a template, the template's.</summary>
    public Guid? SourceUuid { get; private set; }

    /// <summary>The workflow after the change, as JSON (the API's workflow shape without the caller's permissions).</summary>
    public string Snapshot { get; private set; } = null!;

    public static WorkflowVersion Of(
        Workflow workflow, Member actor, WorkflowChange change, string summary, string snapshot, long? restoredVersion = null, Guid? sourceUuid = null)
    {
        if (workflow.Id == 0) throw new InvalidOperationException("A version is recorded once the workflow has been saved.");
        return new WorkflowVersion
        {
            WorkflowId = workflow.Id,
            Version = workflow.Version,
            ActorMemberId = actor.Id,
            ActorDisplayName = actor.DisplayName,
            ActorKind = actor.Kind,
            Change = change,
            Summary = summary.Length > SummaryMaxLength ? summary[..(SummaryMaxLength - 1)] + "…" : summary,
            RestoredVersion = restoredVersion,
            SourceUuid = sourceUuid,
            Snapshot = snapshot,
        };
    }
}
