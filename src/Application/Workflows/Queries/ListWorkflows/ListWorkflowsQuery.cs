using System.Linq.Expressions;
using Workflows.Application.Common.Paging;

namespace Workflows.Application.Workflows.Queries.ListWorkflows;

public enum WorkflowSort
{
    CreatedAt,
    UpdatedAt,
    Name,
}

public enum SortOrder
{
    Asc,
    Desc,
}

/// <summary>
/// The workflows the caller can use (or, with <paramref name="Can"/>, do at least that much to).
/// Archived workflows are hidden unless <paramref name="Archived"/> is true, which lists only
/// archived ones. <paramref name="Q"/> matches part of the name, compared as names are (<see cref="Text.NameKey"/>). Keyset paging: a page
/// starts strictly after the last row of the previous one, so rows inserted or deleted between
/// pages never make another row appear twice or go missing.
/// </summary>
[RequiresScope(Scope.Read)]
[FiltersByAuthority]
public sealed record ListWorkflowsQuery(
    Guid WorkspaceUuid,
    bool Archived = false,
    string? Q = null,
    long? OwnerId = null,
    long? AgentId = null,
    WorkflowAccess Can = WorkflowAccess.Use,
    WorkflowSort Sort = WorkflowSort.CreatedAt,
    SortOrder Order = SortOrder.Asc,
    int Limit = Paging.DefaultLimit,
    string? Cursor = null)
    : IQuery<Page<WorkflowSummaryResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListWorkflowsHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListWorkflowsQuery, Page<WorkflowSummaryResponse>>
{
    public async ValueTask<Page<WorkflowSummaryResponse>> Handle(ListWorkflowsQuery query, CancellationToken cancellationToken)
    {
        var caller = current.Member;
        var fingerprint = CursorCodec.Fingerprint(
            "workflows", current.WorkspaceId, caller.Id, query.Archived, query.Q, query.OwnerId, query.AgentId, query.Can, query.Sort, query.Order);
        var after = cursors.Decode<Position>(query.Cursor, fingerprint);

        var workflows = db.Workflows.AsNoTracking()
            .Where(Workflow.AccessibleBy(caller, query.Can))
            .Where(w => w.IsArchived == query.Archived);
        if (!string.IsNullOrEmpty(query.Q))
        {
            var q = Workflow.Normalize(query.Q);
            workflows = workflows.Where(w => w.NormalizedName.Contains(q));
        }
        if (query.OwnerId is { } ownerId) workflows = workflows.Where(w => w.OwnerId == ownerId);
        if (query.AgentId is { } agentId) workflows = workflows.Where(w => w.AgentId == agentId);
        if (after is not null) workflows = workflows.Where(After(query.Sort, query.Order, after));

        // Only the columns a summary needs, and the policy's entry for the caller's role as one
        // value: one row per workflow, read in the order of the index that serves the sort.
        var role = caller.Role;
        return await Ordered(workflows, query.Sort, query.Order)
            .Select(w => new Row(
                w.Id, w.Uuid, w.WorkspaceId, w.Name, w.NormalizedName, w.Description, w.OwnerId, w.AgentId,
                w.Tasks.Where(t => t.IsStart).Select(t => (long?)t.Id).FirstOrDefault(),
                w.Tasks.Count,
                w.IsArchived,
                w.MemberRoleAccess.Where(a => a.Role == role).Select(a => (WorkflowAccess?)a.Access).FirstOrDefault(),
                w.CreatedAt,
                w.UpdatedAt))
            .ToPageAsync(query.Limit, r => Summary(r, caller), last => cursors.Encode(fingerprint, Position.Of(last, query.Sort)), cancellationToken);
    }

    private static WorkflowSummaryResponse Summary(Row r, Member caller) => new()
    {
        Id = r.Id,
        Uuid = r.Uuid,
        Name = r.Name,
        Description = r.Description,
        OwnerId = r.OwnerId,
        AgentId = r.AgentId,
        StartTaskId = r.StartTaskId,
        TaskCount = r.TaskCount,
        Archived = r.IsArchived,
        Permissions = PermissionsResponse.For(Workflow.AccessFor(caller, r.WorkspaceId, r.OwnerId, r.AccessForRole)),
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
    };

    internal sealed record Row(
        long Id, Guid Uuid, long WorkspaceId, string Name, string NormalizedName, string? Description, long OwnerId, long? AgentId,
        long? StartTaskId, int TaskCount, bool IsArchived, WorkflowAccess? AccessForRole, DateTime CreatedAt, DateTime UpdatedAt);

    /// <summary>Where the previous page ended: the sort key of its last row and, to break ties, its id.</summary>
    public sealed record Position(string? Name, DateTime? At, long Id)
    {
        internal static Position Of(Row r, WorkflowSort sort) => sort switch
        {
            WorkflowSort.Name => new Position(r.NormalizedName, null, r.Id),
            WorkflowSort.UpdatedAt => new Position(null, r.UpdatedAt, r.Id),
            _ => new Position(null, r.CreatedAt, r.Id),
        };
    }

    private static IQueryable<Workflow> Ordered(IQueryable<Workflow> source, WorkflowSort sort, SortOrder order) =>
        (sort, order) switch
        {
            (WorkflowSort.Name, SortOrder.Asc) => source.OrderBy(w => w.NormalizedName).ThenBy(w => w.Id),
            (WorkflowSort.Name, SortOrder.Desc) => source.OrderByDescending(w => w.NormalizedName).ThenByDescending(w => w.Id),
            (WorkflowSort.UpdatedAt, SortOrder.Asc) => source.OrderBy(w => w.UpdatedAt).ThenBy(w => w.Id),
            (WorkflowSort.UpdatedAt, SortOrder.Desc) => source.OrderByDescending(w => w.UpdatedAt).ThenByDescending(w => w.Id),
            (_, SortOrder.Desc) => source.OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id),
            _ => source.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id),
        };

    private static Expression<Func<Workflow, bool>> After(WorkflowSort sort, SortOrder order, Position p)
    {
        var id = p.Id;
        if (sort == WorkflowSort.Name)
        {
            var name = p.Name ?? throw InvalidCursor();
            // Translated to SQL (the database's own ordering, as ORDER BY uses); never run in .NET.
#pragma warning disable CA1309
            return order == SortOrder.Asc
                ? w => string.Compare(w.NormalizedName, name) > 0 || (w.NormalizedName == name && w.Id > id)
                : w => string.Compare(w.NormalizedName, name) < 0 || (w.NormalizedName == name && w.Id < id);
#pragma warning restore CA1309
        }
        var at = p.At ?? throw InvalidCursor();
        return (sort, order) switch
        {
            (WorkflowSort.UpdatedAt, SortOrder.Asc) => w => w.UpdatedAt > at || (w.UpdatedAt == at && w.Id > id),
            (WorkflowSort.UpdatedAt, SortOrder.Desc) => w => w.UpdatedAt < at || (w.UpdatedAt == at && w.Id < id),
            (_, SortOrder.Desc) => w => w.CreatedAt < at || (w.CreatedAt == at && w.Id < id),
            _ => w => w.CreatedAt > at || (w.CreatedAt == at && w.Id > id),
        };
    }

    private static RequestValidationException InvalidCursor() =>
        new("cursor", "'cursor' is not a cursor this service issued for this query. Start again without a cursor.");
}

public sealed class ListWorkflowsValidator : AbstractValidator<ListWorkflowsQuery>
{
    public ListWorkflowsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Q).SingleLine("q", WorkflowLimits.NameMaxLength);
        RuleFor(x => x.OwnerId).PositiveId("ownerId");
        RuleFor(x => x.AgentId).PositiveId("agentId");
        RuleFor(x => x.Can).Must(c => c is >= WorkflowAccess.Use and <= WorkflowAccess.Admin)
            .WithMessage("'can' must be use, edit, delete or admin.");
        RuleFor(x => x.Sort).IsInEnum().WithMessage("'sort' must be name, createdAt or updatedAt.");
        RuleFor(x => x.Order).IsInEnum().WithMessage("'order' must be asc or desc.");
    }
}
