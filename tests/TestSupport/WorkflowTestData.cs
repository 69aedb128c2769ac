using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Tasks;
using Workflows.Application.Workflows;
using Workflows.Domain.Resources;

namespace Workflows.TestSupport;

/// <summary>A workflow exactly as GET answered it: the raw body and the ETag header.</summary>
public sealed record WorkflowSnapshot(string Body, string? ETag);

/// <summary>
/// Workflow scenarios the API cannot build yet (assignments, phone numbers, inboxes are written
/// straight to the database) and reads that prove what a request did or did not change.
/// </summary>
public static class WorkflowTestData
{
    public static string WorkflowUrl(this TestWorkspace ws, long workflowId) => $"{ws.Root}/workflows/{workflowId}";

    /// <summary>How many workflows the workspace holds, archived ones included, read from the database.</summary>
    public static Task<int> CountWorkflowsAsync(this TestWorkspace ws) =>
        ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.WorkspaceId == ws.Workspace.Id));

    /// <summary>A workflow whose access policy gives <paramref name="role"/> the <paramref name="access"/> level.</summary>
    public static Task<WorkflowResponse> CreateWorkflowWithAccessAsync(this TestWorkspace ws, string role, string access, string? name = null) =>
        ws.CreateWorkflowAsync(body: new
        {
            name = name ?? $"Workflow {Guid.NewGuid():N}",
            memberRoleAccess = new[] { new { role, access } },
        });

    /// <summary>
    /// A workflow with every setting filled in: description, prompt, agent, default phone number and
    /// inbox, position, abilities, event rules, a policy giving members edit and guests use, and two
    /// tasks A → B with A the start.
    /// </summary>
    public static async Task<(WorkflowResponse Workflow, TaskResponse A, TaskResponse B)> CreateDetailedWorkflowAsync(this TestWorkspace ws, string? name = null)
    {
        var phoneId = await ws.Factory.AddPhoneNumberAsync(ws.Workspace.Id);
        var inboxId = await ws.Factory.AddInboxAsync(ws.Workspace.Id);
        var workflow = await ws.CreateWorkflowAsync(body: new
        {
            name = name ?? $"Detailed {Guid.NewGuid():N}",
            description = "Handles inbound support requests.",
            prompt = "Be brief and polite.",
            agentId = ws.AgentId,
            defaultPhoneNumberId = phoneId,
            defaultInboxId = inboxId,
            posX = 12.5,
            posY = -3.0,
            abilities = new object[]
            {
                new { type = "email", enabled = true, settings = new { signature = "The team", retries = 3 } },
                new { type = "sms", enabled = false, settings = (object?)null },
            },
            eventRules = new object[]
            {
                new { @event = "task.completed", condition = "status == 'done'", action = "notify", settings = new { channel = "ops" } },
            },
            memberRoleAccess = new object[]
            {
                new { role = "member", access = "edit" },
                new { role = "guest", access = "use" },
            },
        });
        var b = await ws.AddTaskAsync(workflow.Id, "B");
        var a = await ws.AddTaskAsync(workflow.Id, "A", b.Id);
        var update = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { startTaskId = a.Id });
        await update.ShouldSucceedAsync();
        return (await update.ReadAsync<WorkflowResponse>(), a, b);
    }

    /// <summary>A JSON object with some of its top-level properties left out, to compare the rest.</summary>
    public static string Without(string json, params string[] properties)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var property in properties) node.Remove(property);
        return node.ToJsonString();
    }

    /// <summary>The raw GET body and ETag, to compare byte for byte before and after a refused write.</summary>
    public static async Task<WorkflowSnapshot> SnapshotAsync(this TestWorkspace ws, long workflowId)
    {
        var response = await ws.Admin.Client.GetAsync(ws.WorkflowUrl(workflowId));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return new WorkflowSnapshot(body, response.Headers.ETag?.Tag);
    }

    public static async Task ArchiveAsync(this TestWorkspace ws, long workflowId)
    {
        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflowId)}/archive", null);
        await response.ShouldSucceedAsync();
    }

    /// <summary>One page of the workflow list as <paramref name="caller"/> (the admin by default) sees it.</summary>
    public static async Task<Page<WorkflowSummaryResponse>> ListWorkflowsAsync(this TestWorkspace ws, Caller? caller = null, string query = "")
    {
        var response = await (caller ?? ws.Admin).Client.GetAsync($"{ws.Root}/workflows{query}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<Page<WorkflowSummaryResponse>>();
    }

    /// <summary>A phone number of the given workspace, written directly to the database.</summary>
    public static Task<long> AddPhoneNumberAsync(this WorkflowsApiFactory factory, long workspaceId) =>
        factory.QueryAsync(async db =>
        {
            var phone = PhoneNumber.Create(workspaceId, $"+1555{Random.Shared.Next(1_000_000, 9_999_999)}", "Support line");
            db.PhoneNumbers.Add(phone);
            await db.SaveChangesAsync();
            return phone.Id;
        });

    /// <summary>An inbox of the given workspace, written directly to the database.</summary>
    public static Task<long> AddInboxAsync(this WorkflowsApiFactory factory, long workspaceId) =>
        factory.QueryAsync(async db =>
        {
            var inbox = Inbox.Create(workspaceId, $"support-{Guid.NewGuid():N}@example.com", "Support");
            db.Inboxes.Add(inbox);
            await db.SaveChangesAsync();
            return inbox.Id;
        });

    /// <summary>The names of the top-level properties of a JSON object, in the order sent.</summary>
    public static string[] PropertyNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>The body parsed as JSON (the caller disposes it).</summary>
    public static async Task<JsonDocument> ReadJsonDocumentAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
