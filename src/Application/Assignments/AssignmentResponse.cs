using Workflows.Domain.Assignments;

namespace Workflows.Application.Assignments;

/// <summary>
/// A piece of work run through a workflow. <see cref="WorkflowId"/> is null once the workflow has
/// been deleted; <see cref="WorkflowUuid"/> and <see cref="WorkflowName"/> keep what it was.
/// </summary>
public sealed record AssignmentResponse(
    long Id, Guid Uuid, long? WorkflowId, Guid WorkflowUuid, string WorkflowName, string Title, long CreatedById, DateTime CreatedAt)
{
    public static AssignmentResponse From(Assignment a) =>
        new(a.Id, a.Uuid, a.WorkflowId, a.WorkflowUuid, a.WorkflowName, a.Title, a.CreatedById, a.CreatedAt);
}

internal static class AssignmentVisibility
{
    public static IQueryable<Assignment> Visible(this IQueryable<Assignment> assignments, IApplicationDbContext db, Member caller)
    {
        var workspaceId = caller.WorkspaceId;
        var seesOrphans = caller.Role != MemberRole.Guest;
        var usable = db.Workflows.Where(Workflow.AccessibleBy(caller, WorkflowAccess.Use)).Select(w => w.Id);
        return assignments.Where(a => a.WorkspaceId == workspaceId
            && (a.WorkflowId == null ? seesOrphans : usable.Contains(a.WorkflowId.Value)));
    }
}
