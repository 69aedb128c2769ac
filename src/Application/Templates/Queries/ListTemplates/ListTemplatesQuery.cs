namespace Workflows.Application.Templates.Queries.ListTemplates;

/// <summary>The built-in templates and the workspace's own, built-in first.</summary>
[RequiresScope(Scope.Read)]
public sealed record ListTemplatesQuery(Guid WorkspaceUuid) : IQuery<IReadOnlyList<TemplateSummaryResponse>>, IWorkspaceRequest;

public sealed class ListTemplatesHandler(IApplicationDbContext db, ITemplateCatalog catalog, CurrentMember current)
    : IQueryHandler<ListTemplatesQuery, IReadOnlyList<TemplateSummaryResponse>>
{
    public async ValueTask<IReadOnlyList<TemplateSummaryResponse>> Handle(ListTemplatesQuery query, CancellationToken cancellationToken)
    {
        var own = await db.WorkspaceTemplates.AsNoTracking()
            .Where(t => t.WorkspaceId == current.WorkspaceId)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return catalog.BuiltIn.Concat(own.Select(t => t.ToTemplate()))
            .Select(t => new TemplateSummaryResponse(t.Uuid, t.Name, t.Description, t.Source, t.Blueprint.Tasks.Count))
            .ToList();
    }
}
