using System.Net;
using Workflows.Application.Assignments;
using Workflows.Application.Inboxes;
using Workflows.Application.PhoneNumbers;
using Workflows.Application.Templates;
using Workflows.Application.Workflows;

namespace Workflows.TestSupport.WorkspaceApi;

/// <summary>
/// Arranges what the template, assignment, resource and member-administration tests start from:
/// each helper calls the service as a client would and insists on the success it expects.
/// </summary>
public static class WorkspaceResourcesExtensions
{
    /// <summary>GET that insists on 200 and reads the body as the service writes it.</summary>
    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<T>();
    }

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PatchAsJsonAsync(url, body, Json.Options);

    /// <summary>A phone number no other test uses (E.164, +44 20 and eight random digits).</summary>
    public static string UniquePhoneNumber() => $"+4420{Random.Shared.Next(10_000_000, 100_000_000)}";

    /// <summary>A mail address no other test uses.</summary>
    public static string UniqueMailAddress() => $"inbox-{Guid.NewGuid():N}@example.com";

    public static async Task<PhoneNumberResponse> CreatePhoneNumberAsync(this TestWorkspace ws, string? number = null, string? label = "Support line")
    {
        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = number ?? UniquePhoneNumber(), label });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<PhoneNumberResponse>();
    }

    public static async Task<InboxResponse> CreateInboxAsync(this TestWorkspace ws, string? address = null, string? label = "Support inbox")
    {
        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address = address ?? UniqueMailAddress(), label });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<InboxResponse>();
    }

    public static async Task<AssignmentResponse> StartAssignmentAsync(this TestWorkspace ws, long workflowId, string title = "Handle ticket 4711", Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId, title });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<AssignmentResponse>();
    }

    public static async Task<AssignmentResponse> GetAssignmentAsync(this TestWorkspace ws, long assignmentId, Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.GetAsync($"{ws.Root}/assignments/{assignmentId}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<AssignmentResponse>();
    }

    /// <summary>Every assignment the caller sees (following nextCursor to the end), optionally of one workflow.</summary>
    public static async Task<List<AssignmentResponse>> ListAllAssignmentsAsync(this TestWorkspace ws, Caller? caller = null, long? workflowId = null, int limit = 50)
    {
        var client = (caller ?? ws.Admin).Client;
        var all = new List<AssignmentResponse>();
        string? cursor = null;
        do
        {
            var url = $"{ws.Root}/assignments?limit={limit}"
                + (workflowId is { } id ? $"&workflowId={id}" : "")
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var response = await client.GetAsync(url);
            await response.ShouldSucceedAsync();
            var page = await response.ReadAsync<Page<AssignmentResponse>>();
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>PUT on the workflow (by the workspace's first admin unless told), insisting on 200.</summary>
    public static async Task<WorkflowResponse> UpdateWorkflowAsync(this TestWorkspace ws, long workflowId, object body, Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.PutJsonAsync($"{ws.Root}/workflows/{workflowId}", body);
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<WorkflowResponse>();
    }

    /// <summary>Replaces the workflow's <c>memberRoleAccess</c> with the given (role, access) entries.</summary>
    public static Task<WorkflowResponse> GrantAsync(this TestWorkspace ws, long workflowId, params (string Role, string Access)[] entries) =>
        ws.UpdateWorkflowAsync(workflowId, new { memberRoleAccess = entries.Select(e => new { role = e.Role, access = e.Access }).ToArray() });

    public static async Task ArchiveWorkflowAsync(this TestWorkspace ws, long workflowId)
    {
        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows/{workflowId}/archive", null);
        await response.ShouldSucceedAsync();
    }

    public static async Task UnarchiveWorkflowAsync(this TestWorkspace ws, long workflowId)
    {
        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows/{workflowId}/unarchive", null);
        await response.ShouldSucceedAsync();
    }

    /// <summary>One page of the templates list; <paramref name="query"/> is its query string (<c>?limit=2&amp;cursor=…</c>).</summary>
    public static async Task<Page<TemplateSummaryResponse>> ListTemplatePageAsync(this TestWorkspace ws, string query = "", Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.GetAsync($"{ws.Root}/workflows/templates{query}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<Page<TemplateSummaryResponse>>();
    }

    /// <summary>Every template the workspace can use, following <c>nextCursor</c> from page to page, in the list's order.</summary>
    public static async Task<IReadOnlyList<TemplateSummaryResponse>> ListTemplatesAsync(this TestWorkspace ws, Caller? caller = null, int limit = 200)
    {
        var all = new List<TemplateSummaryResponse>();
        string? cursor = null;
        do
        {
            var page = await ws.ListTemplatePageAsync($"?limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), caller);
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(limit), "a page never holds more than the limit");
            all.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.That(all, Has.Count.LessThan(100_000), "paging must end");
        }
        while (cursor is not null);
        return all;
    }

    public static async Task<TemplateResponse> GetTemplateAsync(this TestWorkspace ws, Guid templateUuid, Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.GetAsync($"{ws.Root}/workflows/templates/{templateUuid}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<TemplateResponse>();
    }

    public static async Task<TemplateResponse> SaveAsTemplateAsync(this TestWorkspace ws, long workflowId, object? body = null)
    {
        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflowId}/save-as-template", body ?? new { });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<TemplateResponse>();
    }

    public static async Task<WorkflowResponse> CreateFromTemplateAsync(this TestWorkspace ws, Guid templateUuid, string? name = null, Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.PostJsonAsync(
            $"{ws.Root}/workflows/templates/{templateUuid}/create-workflow", new { name = name ?? $"From template {Guid.NewGuid():N}" });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WorkflowResponse>();
    }
}
