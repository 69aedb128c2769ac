using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Common.Security;
using Workflows.Domain.Members;
using Workflows.Domain.Workflows;

namespace Workflows.Infrastructure.Data;

public sealed class WorkflowAuthorityLookup(WorkflowsDbContext db) : IWorkflowAuthorityLookup
{
    private static readonly Func<WorkflowsDbContext, long, long, CancellationToken, Task<Row?>> ById =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workspaceId, long id, CancellationToken _) =>
            db.Workflows.AsNoTracking()
                .Where(w => w.Id == id && w.WorkspaceId == workspaceId)
                .Select(w => new Row(w.Id, w.OwnerId, w.MemberRoleAccess.Select(a => new Entry(a.Role, a.Access)).ToList()))
                .FirstOrDefault());

    private static readonly Func<WorkflowsDbContext, long, Guid, CancellationToken, Task<Row?>> ByUuid =
        EF.CompileAsyncQuery((WorkflowsDbContext db, long workspaceId, Guid uuid, CancellationToken _) =>
            db.Workflows.AsNoTracking()
                .Where(w => w.Uuid == uuid && w.WorkspaceId == workspaceId)
                .Select(w => new Row(w.Id, w.OwnerId, w.MemberRoleAccess.Select(a => new Entry(a.Role, a.Access)).ToList()))
                .FirstOrDefault());

    public async Task<(long Id, WorkflowAccessPolicy Policy)?> FindAsync(long workspaceId, WorkflowKey workflow, CancellationToken cancellationToken)
    {
        var row = workflow switch
        {
            { Id: { } id } => await ById(db, workspaceId, id, cancellationToken),
            { Uuid: { } uuid } => await ByUuid(db, workspaceId, uuid, cancellationToken),
            _ => null,
        };
        if (row is null) return null;
        return (row.Id, new WorkflowAccessPolicy(workspaceId, row.OwnerId, [.. row.Entries.Select(e => new RoleAccess(e.Role, e.Access))]));
    }

    private sealed record Row(long Id, long OwnerId, List<Entry> Entries);

    private sealed record Entry(MemberRole Role, WorkflowAccess Access);
}
