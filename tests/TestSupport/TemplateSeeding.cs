using Microsoft.EntityFrameworkCore;
using Workflows.Domain.Templates;
using Workflows.Domain.Workflows;

namespace Workflows.TestSupport.WorkspaceApi;

/// <summary>Fills a workspace with templates straight in the database, for the tests of its bounds.</summary>
public static class TemplateSeeding
{
    /// <summary>
    /// Saves <paramref name="count"/> templates (of an empty workflow, named "Seeded 0", "Seeded 1", …)
    /// through the domain in one save: the hundreds a bound needs, far quicker than one request each.
    /// Returns how many templates the workspace then has.
    /// </summary>
    public static Task<int> SeedTemplatesAsync(this TestWorkspace ws, int count) =>
        ws.Factory.QueryAsync(async db =>
        {
            var admin = await db.Members.SingleAsync(m => m.Id == ws.Admin.MemberId);
            var source = Workflow.Create(admin.WorkspaceId, "Seed source", admin);
            db.WorkspaceTemplates.AddRange(Enumerable.Range(0, count).Select(i => WorkspaceTemplate.SaveFrom(source, $"Seeded {i}", null, admin.Id)));
            await db.SaveChangesAsync();
            return await db.WorkspaceTemplates.CountAsync(t => t.WorkspaceId == admin.WorkspaceId);
        });

    /// <summary>How many templates the workspace has, read from the database.</summary>
    public static Task<int> CountTemplatesAsync(this TestWorkspace ws) =>
        ws.Factory.QueryAsync(db => db.WorkspaceTemplates.CountAsync(t => t.WorkspaceId == db.Members.Single(m => m.Id == ws.Admin.MemberId).WorkspaceId));
}
