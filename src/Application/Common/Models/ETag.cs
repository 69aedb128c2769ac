namespace Workflows.Application.Common.Models;

/// <summary>Entity tags of versioned resources, and the <c>If-Match</c> check.</summary>
public static class ETag
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>
    /// Throws <see cref="PreconditionFailedException"/> unless <paramref name="ifMatch"/> is absent,
    /// <c>*</c>, or lists the current tag. If-Match compares strongly (RFC 9110): a weak tag never matches.
    /// </summary>
    public static void EnsureMatches(string? ifMatch, long currentVersion) => EnsureMatches(ifMatch, For(currentVersion));

    /// <summary>The same check against any of the tags that stand for the current state.</summary>
    public static void EnsureMatches(string? ifMatch, params string[] currentTags)
    {
        if (ifMatch is null) return;
        foreach (var tag in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (tag == "*" || currentTags.Contains(tag)) return;
        }
        throw new PreconditionFailedException();
    }

    /// <summary>
    /// A workflow's tag: its version (which every change to it or its tasks moves on) and the
    /// caller's authority, since the body's <c>permissions</c> are the caller's. A caller whose
    /// authority changed gets a fresh body for If-None-Match and 412 for a stale If-Match.
    /// </summary>
    public static string ForWorkflow(long version, WorkflowAccess access) => $"\"{version}-{(int)access}\"";

    /// <summary>
    /// The tag of a deletion preview: the workflow's version (tasks included) and its assignments,
    /// so that a delete sent with it answers 412 if either changed since the preview.
    /// </summary>
    public static string ForDeletion(long workflowVersion, int assignments, long lastAssignmentId) =>
        $"\"{workflowVersion}.{assignments}.{lastAssignmentId}\"";

    /// <summary>Whether an <c>If-None-Match</c> header names the current tag (a GET may answer 304).</summary>
    public static bool NoneMatchHits(string? ifNoneMatch, string currentTag)
    {
        if (ifNoneMatch is null) return false;
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == "*" || tag == currentTag) return true;
        }
        return false;
    }
}
