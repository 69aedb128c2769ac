using Workflows.Application.Common.Paging;

namespace Workflows.Application.Templates.Queries.ListTemplates;

/// <summary>
/// The templates the workspace can use, as summaries (never their blueprints), one page at a time:
/// the built-in catalogue first, then the workspace's own; each kind by name key (the normalized
/// name), ties by uuid (built-in) or id (the workspace's, so by age). Keyset paging across both:
/// a page starts strictly after the last row of the previous one, in the catalogue or in the
/// database, so a template saved or removed between pages never makes another appear twice or go missing.
/// </summary>
[RequiresScope(Scope.Read)]
public sealed record ListTemplatesQuery(Guid WorkspaceUuid, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<TemplateSummaryResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListTemplatesHandler(IApplicationDbContext db, ITemplateCatalog catalog, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListTemplatesQuery, Page<TemplateSummaryResponse>>
{
    public async ValueTask<Page<TemplateSummaryResponse>> Handle(ListTemplatesQuery query, CancellationToken cancellationToken)
    {
        var fingerprint = CursorCodec.Fingerprint("templates", current.WorkspaceId);
        var after = cursors.Decode<Position>(query.Cursor, fingerprint);
        if (after is { Name: null }) throw InvalidCursor();
        var wanted = query.Limit + 1; // one row more than the page tells whether there is a next one

        var rows = new List<Row>();
        if (after is null || after.Source == TemplateSource.BuiltIn)
            rows.AddRange(BuiltIn().Where(r => after is null || r.IsAfter(after)).Take(wanted));
        if (rows.Count < wanted)
            rows.AddRange(await Own(after is { Source: TemplateSource.Workspace } ? after : null).Take(wanted - rows.Count).ToListAsync(cancellationToken));

        return rows.ToPage(query.Limit, r => r.ToSummary(), last => cursors.Encode(fingerprint, new Position(last.Source, last.NameKey, last.Uuid, last.Id)));
    }

    /// <summary>The catalogue in list order; it is in memory already, and small.</summary>
    private IEnumerable<Row> BuiltIn() => catalog.BuiltIn
        .Select(t => new Row(TemplateSource.BuiltIn, Workflow.Normalize(t.Name), t.Uuid, 0, t.Name, t.Description, t.Blueprint.Tasks.Count, null))
        .OrderBy(r => r.NameKey, StringComparer.Ordinal)
        .ThenBy(r => r.Uuid);

    /// <summary>
    /// The workspace's templates after <paramref name="after"/>, in the order of the index
    /// (WorkspaceId, NormalizedName, Id), reading only a summary's columns: never the blueprint.
    /// </summary>
    private IQueryable<Row> Own(Position? after)
    {
        var own = db.WorkspaceTemplates.AsNoTracking().Where(t => t.WorkspaceId == current.WorkspaceId);
        if (after is not null)
        {
            var (name, id) = (after.Name, after.Id);
            // Translated to SQL (the database's own ordering, as ORDER BY uses); never run in .NET.
#pragma warning disable CA1309
            own = own.Where(t => string.Compare(t.NormalizedName, name) > 0 || (t.NormalizedName == name && t.Id > id));
#pragma warning restore CA1309
        }
        return own
            .OrderBy(t => t.NormalizedName).ThenBy(t => t.Id)
            .Select(t => new Row(TemplateSource.Workspace, t.NormalizedName, t.Uuid, t.Id, t.Name, t.Description, t.TaskCount, t.CreatedAt));
    }

    /// <summary>Where the previous page ended: the kind, name key and tie-breaker of its last template.</summary>
    public sealed record Position(TemplateSource Source, string Name, Guid Uuid, long Id);

    internal sealed record Row(
        TemplateSource Source, string NameKey, Guid Uuid, long Id, string Name, string? Description, int TaskCount, DateTime? CreatedAt)
    {
        /// <summary>Whether this built-in template comes after <paramref name="p"/> in the list.</summary>
        public bool IsAfter(Position p) =>
            p.Source == TemplateSource.BuiltIn
            && (string.CompareOrdinal(NameKey, p.Name) > 0 || (NameKey == p.Name && Uuid.CompareTo(p.Uuid) > 0));

        public TemplateSummaryResponse ToSummary() => new(Uuid, Name, Description, Source, TaskCount, CreatedAt);
    }

    private static RequestValidationException InvalidCursor() =>
        new("cursor", "'cursor' is not a cursor this service issued for this query. Start again without a cursor.");
}

public sealed class ListTemplatesValidator : AbstractValidator<ListTemplatesQuery>
{
    public ListTemplatesValidator() => this.AddPagingRules();
}
