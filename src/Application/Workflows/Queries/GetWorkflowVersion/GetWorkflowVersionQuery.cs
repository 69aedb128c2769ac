using Workflows.Application.Workflows.History;

namespace Workflows.Application.Workflows.Queries.GetWorkflowVersion;

/// <summary>
/// One version of the workflow, in the shape GET answers with; its <c>permissions</c> are what the
/// reader may do to the workflow now (a version stores the workflow, not anyone's view of it).
/// </summary>
[RequiresScope(Scope.Read)]
[RequiresAuthority(WorkflowAccess.Use)]
public sealed record GetWorkflowVersionQuery(Guid WorkspaceUuid, WorkflowKey WorkflowId, long Version)
    : IQuery<WorkflowResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class GetWorkflowVersionHandler(IApplicationDbContext db, CurrentWorkflow workflow)
    : IQueryHandler<GetWorkflowVersionQuery, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(GetWorkflowVersionQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await db.SnapshotAsync(workflow.Id, query.Version, cancellationToken);
        return WorkflowSnapshots.Read(snapshot, PermissionsResponse.For(workflow.Access));
    }
}

public static class WorkflowVersionQueries
{
    /// <summary>The stored snapshot of one version; 404 (not_found) when there is none (never made, or dropped by retention).</summary>
    public static async Task<string> SnapshotAsync(this IApplicationDbContext db, long workflowId, long version, CancellationToken cancellationToken) =>
        await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.WorkflowId == workflowId && v.Version == version)
            .Select(v => v.Snapshot)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw NotFoundException.Version(version);
}
