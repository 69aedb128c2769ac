using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Workflows;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.History;

/// <summary>
/// Versions go in with one insert, in the request's transaction. Retention keeps the newest
/// <see cref="HistoryOptions.MaxVersionsPerWorkflow"/> version numbers: once a workflow's version
/// passes it, each new version drops those that fell out of the window (one indexed delete).
/// Version numbers are never reused: they are the workflow's own.
/// </summary>
internal sealed class WorkflowVersionStore(WorkflowsDbContext db, IOptions<HistoryOptions> options) : IWorkflowHistory
{
    public async Task AddAsync(WorkflowVersion version, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A version is written with its change: record it from a [Transactional] request.");
        db.WorkflowVersions.Add(version);
        // Only the version is saved here, without a pass over the workflow's tracked tasks and
        // transitions: the change itself was saved before its version was taken, and anything
        // still pending stays pending for the request's next save (its audit entry's, which looks).
        await db.SaveMarkedChangesAsync(cancellationToken);
        // Not kept tracked: the snapshot can be large, and nothing reads it back in this request.
        db.Entry(version).State = EntityState.Detached;

        var oldestKept = version.Version - options.Value.MaxVersionsPerWorkflow + 1;
        if (oldestKept > 1)
        {
            await db.WorkflowVersions
                .Where(v => v.WorkflowId == version.WorkflowId && v.Version < oldestKept)
                .ExecuteDeleteAsync(cancellationToken);
        }
    }
}
