using Workflows.Application.Common.Paging;

namespace Workflows.Application.Workflows.Queries.ListWorkflows;

/// <summary>
/// The workflows the caller can use, oldest first. Archived workflows are hidden unless
/// <paramref name="Archived"/> is true, which lists only archived ones.
/// </summary>
[RequiresScope(Scope.Read)]
public sealed record ListWorkflowsQuery(Guid WorkspaceUuid, bool Archived = false, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<WorkflowSummaryResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListWorkflowsHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListWorkflowsQuery, Page<WorkflowSummaryResponse>>
{
    public async ValueTask<Page<WorkflowSummaryResponse>> Handle(ListWorkflowsQuery query, CancellationToken cancellationToken)
    {
        var caller = current.Member;
        var fingerprint = CursorCodec.Fingerprint("workflows", current.WorkspaceId, caller.Id, query.Archived);
        var after = cursors.Decode<long>(query.Cursor, fingerprint);

        var rows = await db.Workflows.AsNoTracking()
            .Where(Workflow.AccessibleBy(caller, WorkflowAccess.Use))
            .Where(w => w.IsArchived == query.Archived && w.Id > after)
            .OrderBy(w => w.Id)
            .Take(query.Limit + 1)
            .Select(w => new
            {
                Workflow = w,
                TaskCount = w.Tasks.Count,
                StartTaskId = w.Tasks.Where(t => t.IsStart).Select(t => (long?)t.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var items = rows.Take(query.Limit).Select(r => new WorkflowSummaryResponse
        {
            Id = r.Workflow.Id,
            Uuid = r.Workflow.Uuid,
            Name = r.Workflow.Name,
            Description = r.Workflow.Description,
            OwnerId = r.Workflow.OwnerId,
            AgentId = r.Workflow.AgentId,
            StartTaskId = r.StartTaskId,
            TaskCount = r.TaskCount,
            Archived = r.Workflow.IsArchived,
            Permissions = PermissionsResponse.For(r.Workflow.AccessFor(caller)),
            CreatedAt = r.Workflow.CreatedAt,
            UpdatedAt = r.Workflow.UpdatedAt,
        }).ToList();
        var next = rows.Count > query.Limit ? cursors.Encode(fingerprint, items[^1].Id) : null;
        return new Page<WorkflowSummaryResponse>(items, next);
    }
}

public sealed class ListWorkflowsValidator : AbstractValidator<ListWorkflowsQuery>
{
    public ListWorkflowsValidator() => this.AddPagingRules();
}
