namespace Workflows.Application.Templates.Queries.GetTemplate;

[RequiresScope(Scope.Read)]
public sealed record GetTemplateQuery(Guid WorkspaceUuid, Guid TemplateUuid) : IQuery<TemplateResponse>, IWorkspaceRequest;

public sealed class GetTemplateHandler(IApplicationDbContext db, ITemplateCatalog catalog, CurrentMember current)
    : IQueryHandler<GetTemplateQuery, TemplateResponse>
{
    public async ValueTask<TemplateResponse> Handle(GetTemplateQuery query, CancellationToken cancellationToken) =>
        TemplateResponse.From(await db.FindAsync(catalog, current.WorkspaceId, query.TemplateUuid, cancellationToken));
}
