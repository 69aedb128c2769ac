using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Members;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Members;

/// <summary>
/// The membership lookup as a compiled query: every request runs it, and compiled once it builds no
/// expression tree, and needs no query-cache lookup, per request (docs/benchmarks.md, pipeline overhead).
/// </summary>
public sealed class Memberships(WorkflowsDbContext db) : IMemberships
{
    private static readonly Func<WorkflowsDbContext, string, Guid, CancellationToken, Task<Member?>> Find =
        EF.CompileAsyncQuery((WorkflowsDbContext context, string objectId, Guid workspaceUuid, CancellationToken _) =>
            context.Members.AsNoTracking().FirstOrDefault(m => m.ObjectId == objectId && m.Workspace!.Uuid == workspaceUuid));

    public Task<Member?> FindAsync(string objectId, Guid workspaceUuid, CancellationToken cancellationToken) =>
        Find(db, objectId, workspaceUuid, cancellationToken);
}
