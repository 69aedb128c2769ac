using Microsoft.EntityFrameworkCore;
using Workflows.Domain.Workflows;

namespace Workflows.TestSupport;

/// <summary>Fills a workflow with tasks for the tests of its limits.</summary>
public static class TaskSeeding
{
    /// <summary>
    /// Adds <paramref name="count"/> tasks to the workflow through the aggregate in one save (far
    /// quicker than one request each, and a thousand requests would prove nothing more), and insists
    /// that the workflow then has exactly that many.
    /// </summary>
    public static async Task SeedTasksAsync(this TestWorkspace ws, long workflowId, int count)
    {
        var saved = await ws.Factory.QueryAsync(async db =>
        {
            var workflow = await db.Workflows.Include(w => w.Tasks).SingleAsync(w => w.Id == workflowId);
            for (var i = 0; i < count; i++)
                workflow.AddTask(new TaskDetails($"Seeded {i}", null, null, null, null), Array.Empty<long>());
            await db.SaveChangesAsync();
            return await db.Tasks.CountAsync(t => t.WorkflowId == workflowId);
        });
        Assert.That(saved, Is.EqualTo(count));
    }
}
