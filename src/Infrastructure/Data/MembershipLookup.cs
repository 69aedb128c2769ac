using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Members;

namespace Workflows.Infrastructure.Data;

public sealed class MembershipLookup(WorkflowsDbContext db) : IMembershipLookup
{
    private static readonly Func<WorkflowsDbContext, string, Guid, CancellationToken, Task<Member?>> Find =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string objectId, Guid workspaceUuid, CancellationToken _) =>
            db.Members.AsNoTracking().FirstOrDefault(m => m.ObjectId == objectId && m.Workspace!.Uuid == workspaceUuid));

    public Task<Member?> FindAsync(string objectId, Guid workspaceUuid, CancellationToken cancellationToken) =>
        Find(db, objectId, workspaceUuid, cancellationToken);
}
