using Microsoft.EntityFrameworkCore;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>
/// The rows a workflow is made of in each table, and the sum of their versions: two equal
/// snapshots mean nothing about the workflow changed in between.
/// </summary>
public sealed record WorkflowRows(int Workflows, long Version, bool Archived, int Tasks, long TaskVersions, int Transitions, int Assignments)
{
    public static Task<WorkflowRows> ReadAsync(WorkflowsApiFactory factory, long workflowId) => factory.QueryAsync(async db => new WorkflowRows(
        await db.Workflows.CountAsync(w => w.Id == workflowId),
        await db.Workflows.Where(w => w.Id == workflowId).Select(w => w.Version).SingleOrDefaultAsync(),
        await db.Workflows.Where(w => w.Id == workflowId).Select(w => w.IsArchived).SingleOrDefaultAsync(),
        await db.Tasks.CountAsync(t => t.WorkflowId == workflowId),
        await db.Tasks.Where(t => t.WorkflowId == workflowId).SumAsync(t => t.Version),
        await db.TaskTransitions.CountAsync(t => t.From.WorkflowId == workflowId),
        await db.Assignments.CountAsync(a => a.WorkflowId == workflowId)));
}
