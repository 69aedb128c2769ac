using System.Text.Json.Serialization;

namespace Workflows.Application.Workflows.Queries.GetWorkflowDeletionPreview;

[RequiresScope(Scope.Read)]
[RequiresAuthority(WorkflowAccess.Edit)]
public sealed record GetWorkflowDeletionPreviewQuery(Guid WorkspaceUuid, WorkflowKey WorkflowId)
    : IQuery<DeletionPreviewResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

/// <summary>What <c>DELETE ?cascade=true</c> would remove now.</summary>
public sealed record DeletionPreviewResponse(int TaskCount, IReadOnlyList<DeletionPreviewTask> Tasks, bool HasAssignments)
{
    /// <summary>The workflow's ETag at the time of the preview (sent as a header).</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";
}

public sealed record DeletionPreviewTask(long Id, string Name, string? Description);

public sealed class GetWorkflowDeletionPreviewHandler(IApplicationDbContext db, CurrentMember current, CurrentWorkflow target)
    : IQueryHandler<GetWorkflowDeletionPreviewQuery, DeletionPreviewResponse>
{
    public async ValueTask<DeletionPreviewResponse> Handle(GetWorkflowDeletionPreviewQuery query, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.AsNoTracking().GetInWorkspaceAsync(current.WorkspaceId, target.Id, cancellationToken);

        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.WorkflowId == workflow.Id)
            .OrderBy(t => t.Id)
            .Select(t => new DeletionPreviewTask(t.Id, t.Name, t.Description))
            .ToListAsync(cancellationToken);
        var assignments = await db.AssignmentsOf(workflow.Id, cancellationToken);
        return new DeletionPreviewResponse(tasks.Count, tasks, assignments.Count > 0)
        {
            ETag = ETag.ForDeletion(workflow.Version, assignments.Count, assignments.LastId),
        };
    }
}
