namespace Workflows.Application.Workflows.History;

/// <summary>
/// How a write records the version it made: after its change is saved (so the workflow has its
/// id, its new version and its timestamps), in the same transaction, and only when the change
/// changed something. The workflow in hand is the snapshot: it must have its tasks loaded.
/// </summary>
public static class WorkflowHistory
{
    /// <summary>
    /// Records the version a change to <paramref name="workflow"/> made, if it made one; the
    /// summary says what changed (from the aggregate) unless <paramref name="summary"/> is given.
    /// </summary>
    public static async Task RecordAsync(
        this IWorkflowHistory history, Workflow workflow, Member actor, WorkflowChange change, CancellationToken cancellationToken,
        string? summary = null, long? restoredVersion = null, Guid? sourceUuid = null)
    {
        if (!workflow.HasChanged && change is not (WorkflowChange.Created or WorkflowChange.Cloned or WorkflowChange.CreatedFromTemplate)) return;
        var version = WorkflowVersion.Of(
            workflow, actor, change, summary ?? Describe(workflow.ChangedParts()), WorkflowSnapshots.Of(workflow, actor), restoredVersion, sourceUuid);
        await history.AddAsync(version, cancellationToken);
        workflow.ChangeSaved();
    }

    /// <summary>"Prompt changed", "Name and prompt changed", "Name, prompt and tasks changed".</summary>
    public static string Describe(IReadOnlyList<string> parts)
    {
        if (parts.Count == 0) return "Nothing changed";
        var words = parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
        return char.ToUpperInvariant(words[0]) + words[1..] + " changed";
    }

    /// <summary>"Task 'Verify purchase' added" and the like, with a long name shortened.</summary>
    public static string TaskSummary(string name, string what) => $"Task '{Shorten(name, 60)}' {what}";

    private static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return text[..cut] + "…";
    }
}
