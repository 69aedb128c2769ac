using Microsoft.EntityFrameworkCore;
using Workflows.Application.Workflows;
using Workflows.Domain.Workflows;

namespace Workflows.TestSupport.WorkspaceApi;

/// <summary>Lists workflows page by page over HTTP, and seeds many workflows at once straight into the database.</summary>
public static class WorkflowPages
{
    /// <summary>
    /// Follows <c>nextCursor</c> from the first page to the last, with <paramref name="limit"/>
    /// rows a page, and returns every page in order. <paramref name="betweenPages"/> runs after
    /// each page that has a next one (with the number of pages read so far).
    /// </summary>
    public static async Task<List<Page<WorkflowSummaryResponse>>> ListWorkflowPagesAsync(
        this TestWorkspace ws, Caller caller, string query, int limit, Func<int, Task>? betweenPages = null)
    {
        var pages = new List<Page<WorkflowSummaryResponse>>();
        string? cursor = null;
        do
        {
            var url = $"{query}&limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await ws.ListWorkflowsAsync(caller, "?" + url.TrimStart('&'));
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(limit), "a page never holds more than the limit");
            pages.Add(page);
            cursor = page.NextCursor;
            if (cursor is not null && betweenPages is not null) await betweenPages(pages.Count);
            Assert.That(pages, Has.Count.LessThan(10_000), "paging must end");
        }
        while (cursor is not null);
        return pages;
    }

    /// <summary>Every workflow of the list, in the order the pages gave them.</summary>
    public static async Task<List<WorkflowSummaryResponse>> ListAllWorkflowsAsync(
        this TestWorkspace ws, Caller caller, string query = "", int limit = 200, Func<int, Task>? betweenPages = null) =>
        (await ws.ListWorkflowPagesAsync(caller, query, limit, betweenPages)).SelectMany(p => p.Items).ToList();

    /// <summary>
    /// Inserts <paramref name="names"/>.Count workflows owned by <paramref name="owner"/> in one
    /// SaveChanges (so they share their createdAt and updatedAt) and returns their ids.
    /// </summary>
    public static async Task<List<long>> SeedWorkflowsAsync(this TestWorkspace ws, IReadOnlyList<string> names, Caller? owner = null)
    {
        var ownerId = (owner ?? ws.Admin).MemberId;
        return await ws.Factory.QueryAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.Id == ownerId);
            var workflows = names.Select(name => Workflow.Create(member.WorkspaceId, name, member)).ToList();
            db.Workflows.AddRange(workflows);
            await db.SaveChangesAsync();
            return workflows.Select(w => w.Id).ToList();
        });
    }
}
