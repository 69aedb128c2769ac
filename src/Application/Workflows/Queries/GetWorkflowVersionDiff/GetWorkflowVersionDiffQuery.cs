using Workflows.Application.Workflows.History;
using Workflows.Application.Workflows.Queries.GetWorkflowVersion;

namespace Workflows.Application.Workflows.Queries.GetWorkflowVersionDiff;

/// <summary>
/// What changed from version <paramref name="Against"/> (by default the version before, in the
/// history as kept) to version <paramref name="Version"/>, as a JSON Patch (see <see cref="WorkflowDiff"/>).
/// </summary>
[RequiresScope(Scope.Read)]
[RequiresAuthority(WorkflowAccess.Use)]
public sealed record GetWorkflowVersionDiffQuery(Guid WorkspaceUuid, WorkflowKey WorkflowId, long Version, long? Against = null)
    : IQuery<IReadOnlyList<JsonPatchOperation>>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class GetWorkflowVersionDiffHandler(IApplicationDbContext db, CurrentWorkflow workflow)
    : IQueryHandler<GetWorkflowVersionDiffQuery, IReadOnlyList<JsonPatchOperation>>
{
    public async ValueTask<IReadOnlyList<JsonPatchOperation>> Handle(GetWorkflowVersionDiffQuery query, CancellationToken cancellationToken)
    {
        var to = await db.SnapshotAsync(workflow.Id, query.Version, cancellationToken);
        string from;
        if (query.Against is { } against)
        {
            from = await db.SnapshotAsync(workflow.Id, against, cancellationToken);
        }
        else
        {
            // The version before, along the (WorkflowId, Version) index; the first version is diffed against nothing.
            var workflowId = workflow.Id;
            from = await db.WorkflowVersions.AsNoTracking()
                .Where(v => v.WorkflowId == workflowId && v.Version < query.Version)
                .OrderByDescending(v => v.Version)
                .Select(v => v.Snapshot)
                .FirstOrDefaultAsync(cancellationToken) ?? "{}";
        }
        return WorkflowDiff.Between(WorkflowSnapshots.Document(from), WorkflowSnapshots.Document(to));
    }
}

public sealed class GetWorkflowVersionDiffValidator : AbstractValidator<GetWorkflowVersionDiffQuery>
{
    public GetWorkflowVersionDiffValidator() =>
        RuleFor(x => x.Against).PositiveId("against");
}
