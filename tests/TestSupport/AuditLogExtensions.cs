using Workflows.Application.AuditLog;

namespace Workflows.TestSupport;

/// <summary>Reading a workspace's audit log over HTTP, as its admins do.</summary>
public static class AuditLogExtensions
{
    /// <summary>One page of the log; <paramref name="query"/> is the query string without its <c>?</c>.</summary>
    public static async Task<Page<AuditEntryResponse>> AuditPageAsync(this TestWorkspace ws, string query = "", Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.GetAsync($"{ws.Root}/audit-log?{query}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<Page<AuditEntryResponse>>();
    }

    /// <summary>Every entry the log holds now, following the cursor until a short page.</summary>
    public static async Task<List<AuditEntryResponse>> AuditEntriesAsync(this TestWorkspace ws, string query = "")
    {
        var entries = new List<AuditEntryResponse>();
        string? cursor = null;
        while (true)
        {
            var page = await ws.AuditPageAsync(cursor is null ? $"limit=200&{query}" : $"limit=200&cursor={Uri.EscapeDataString(cursor)}&{query}");
            entries.AddRange(page.Items);
            cursor = page.NextCursor;
            if (page.Items.Count < 200) return entries;
        }
    }
}
