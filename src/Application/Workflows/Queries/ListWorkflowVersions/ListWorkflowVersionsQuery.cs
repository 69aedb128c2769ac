using Workflows.Application.Common.Paging;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Workflows.Queries.ListWorkflowVersions;

/// <summary>The workflow's history, newest first, without the snapshots themselves.</summary>
[RequiresScope(Scope.Read)]
[RequiresAuthority(WorkflowAccess.Use)]
public sealed record ListWorkflowVersionsQuery(Guid WorkspaceUuid, WorkflowKey WorkflowId, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<WorkflowVersionSummaryResponse>>, IWorkflowRequest, IPagedRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class ListWorkflowVersionsHandler(IApplicationDbContext db, CurrentWorkflow workflow, CursorCodec cursors)
    : IQueryHandler<ListWorkflowVersionsQuery, Page<WorkflowVersionSummaryResponse>>
{
    public async ValueTask<Page<WorkflowVersionSummaryResponse>> Handle(ListWorkflowVersionsQuery query, CancellationToken cancellationToken)
    {
        // Keyset on the unique (WorkflowId, Version) index, read backwards from the cursor's version.
        var fingerprint = CursorCodec.Fingerprint("workflow-versions", workflow.Id);
        var before = query.Cursor is null ? long.MaxValue : cursors.Decode<long>(query.Cursor, fingerprint);
        var workflowId = workflow.Id;
        return await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.WorkflowId == workflowId && v.Version < before)
            .OrderByDescending(v => v.Version)
            .Select(v => new WorkflowVersionSummaryResponse
            {
                Version = v.Version,
                CreatedAt = v.CreatedAt,
                Actor = new VersionActorResponse(v.ActorMemberId, v.ActorDisplayName, v.ActorKind),
                Change = v.Change,
                Summary = v.Summary,
                RestoredVersion = v.RestoredVersion,
                SourceUuid = v.SourceUuid,
            })
            .ToPageAsync(query.Limit, v => v, last => cursors.Encode(fingerprint, last.Version), cancellationToken);
    }
}

public sealed class ListWorkflowVersionsValidator : AbstractValidator<ListWorkflowVersionsQuery>
{
    public ListWorkflowVersionsValidator() => this.AddPagingRules();
}
