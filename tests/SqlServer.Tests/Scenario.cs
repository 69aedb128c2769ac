using System.Net;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// Calls every endpoint of the service, on its successes and on the failures the database decides
/// (name conflicts, stale versions, references in use, the last admin), in each list sort, order,
/// filter and cursor, with idempotent POSTs claimed, replayed and refused.
/// </summary>
public sealed class Scenario(Twins twins)
{
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Put = HttpMethod.Put, Patch = HttpMethod.Patch, Delete = HttpMethod.Delete;
    private const HttpStatusCode Ok = HttpStatusCode.OK, Created = HttpStatusCode.Created, Conflict = HttpStatusCode.Conflict;

    private readonly string _admin = Guid.NewGuid().ToString();
    private readonly string _memberOid = Guid.NewGuid().ToString();
    private string _root = "";

    private Task<TwinResponse> As(string oid, HttpMethod method, string path, object? body = null, HttpStatusCode? expect = null, params (string, string)[] headers) =>
        twins.SendAsync(oid, method, path.StartsWith("api/", StringComparison.Ordinal) ? path : $"{_root}/{path}", body, expect, headers);

    private Task<TwinResponse> Admin(HttpMethod method, string path, object? body = null, HttpStatusCode? expect = null, params (string, string)[] headers) =>
        As(_admin, method, path, body, expect, headers);

    /// <summary>A list read page by page with its cursors, to its end.</summary>
    private async Task PagesAsync(string first)
    {
        var pages = 0;
        for (var path = first; ; pages++)
        {
            var page = await Admin(Get, path, expect: Ok);
            if (page.Body.GetProperty("nextCursor").GetString() is not { } cursor) break;
            path = $"{first}&cursor={Uri.EscapeDataString(cursor)}";
        }
        Assert.That(pages, Is.GreaterThanOrEqualTo(1), $"{first}: more than one page");
    }

    public async Task RunAsync()
    {
        // Workspaces and members.
        var workspace = await Admin(Post, "api/v2/workspaces", new { name = "Twin workspace" }, Created);
        _root = $"api/v2/w/{workspace.Text("uuid")}";
        await Admin(Get, "api/v2/workspaces", expect: Ok);
        var members = await Admin(Get, "members", expect: Ok);
        var adminId = members.Body.GetProperty("items")[0].GetProperty("id").GetInt64();
        var memberId = (await Admin(Post, "members", new { kind = "person", displayName = "Mia Member", objectId = _memberOid, role = "member" }, Created)).Id;
        var agentId = (await Admin(Post, "members", new { kind = "agent", displayName = "Agent", role = "member" }, Created)).Id;
        var guestId = (await Admin(Post, "members", new { kind = "person", displayName = "Gus Guest", objectId = Guid.NewGuid().ToString(), role = "guest" }, Created)).Id;
        await Admin(Post, "members", new { kind = "person", displayName = "Mia again", objectId = _memberOid, role = "member" }, Conflict);
        await Admin(Get, $"members/{memberId}", expect: Ok);
        await Admin(Patch, $"members/{guestId}", new { displayName = "Gus Renamed" }, Ok);
        await Admin(Patch, $"members/{guestId}", new { role = "admin" }, Ok);
        await Admin(Patch, $"members/{guestId}", new { role = "guest" }, Ok);
        await Admin(Patch, $"members/{adminId}", new { role = "member" }, Conflict);
        await PagesAsync("members?limit=2");

        // Phone numbers and inboxes.
        var phoneId = (await Admin(Post, "phone-numbers", new { number = "+15550100" }, Created)).Id;
        var sparePhone = (await Admin(Post, "phone-numbers", new { number = "+15550101" }, Created)).Id;
        await Admin(Post, "phone-numbers", new { number = "+15550100" }, Conflict);
        var inboxId = (await Admin(Post, "inboxes", new { address = "help@example.test" }, Created)).Id;
        var spareInbox = (await Admin(Post, "inboxes", new { address = "spare@example.test" }, Created)).Id;
        await Admin(Post, "inboxes", new { address = "HELP@example.test" }, Conflict);
        await Admin(Get, "phone-numbers", expect: Ok);
        await Admin(Get, $"phone-numbers/{phoneId}", expect: Ok);
        await Admin(Get, "inboxes", expect: Ok);
        await Admin(Get, $"inboxes/{inboxId}", expect: Ok);

        // Workflows: create (idempotent: claimed, replayed, refused for another body), read, update.
        var refunds = await Admin(Post, "workflows",
            new { name = "Refunds", description = "Money back", agentId, defaultPhoneNumberId = phoneId, defaultInboxId = inboxId, memberRoleAccess = new[] { new { role = "guest", access = "use" } } },
            Created, ("Idempotency-Key", "create-refunds"));
        await Admin(Post, "workflows",
            new { name = "Refunds", description = "Money back", agentId, defaultPhoneNumberId = phoneId, defaultInboxId = inboxId, memberRoleAccess = new[] { new { role = "guest", access = "use" } } },
            Created, ("Idempotency-Key", "create-refunds"));
        await Admin(Post, "workflows", new { name = "Something else" }, HttpStatusCode.UnprocessableEntity, ("Idempotency-Key", "create-refunds"));
        await Admin(Post, "workflows", new { name = "REFUNDS" }, Conflict);
        var wf = refunds.Id;
        var uuid = refunds.Text("uuid");
        await As(_memberOid, Post, "workflows", new { name = "Mia's workflow" }, Created);
        await Admin(Post, "workflows", new { name = "Shipping" }, Created);

        // Tasks.
        var verify = (await Admin(Post, $"workflows/{wf}/tasks", new { name = "Verify purchase" }, Created)).Id;
        var issue = (await Admin(Post, $"workflows/{wf}/tasks", new { name = "Issue refund" }, Created)).Id;
        var close = (await Admin(Post, $"workflows/{wf}/tasks", new { name = "Close", nextTaskIds = new[] { issue } }, Created)).Id;
        await Admin(Put, $"workflows/{wf}/tasks/{verify}", new { description = "Check the receipt", nextTaskIds = new[] { issue, close } }, Ok);
        await Admin(Get, $"workflows/{wf}/tasks", expect: Ok);
        await Admin(Get, $"workflows/{wf}/tasks/{verify}", expect: Ok);
        await Admin(Get, $"workflows/{wf}/tasks/{verify + 1000}", expect: HttpStatusCode.NotFound);

        var read = await Admin(Get, $"workflows/{wf}", expect: Ok);
        await Admin(Get, $"workflows/{uuid}", expect: Ok);
        await Admin(Get, $"workflows/{wf}", expect: HttpStatusCode.NotModified, headers: ("If-None-Match", read.ETag!));
        await As(_memberOid, Get, $"workflows/{wf}", expect: Ok);
        await As(_memberOid, Put, $"workflows/{wf}", new { description = "Not mine" }, HttpStatusCode.Forbidden);
        await Admin(Put, $"workflows/{wf}", new { description = "Money back, fast", startTaskId = verify }, Ok, ("If-Match", read.ETag!));
        await Admin(Put, $"workflows/{wf}", new { description = "Stale" }, HttpStatusCode.PreconditionFailed, ("If-Match", read.ETag!));
        await Admin(Put, $"workflows/{wf}", new { memberRoleAccess = new[] { new { role = "member", access = "edit" } }, ownerId = memberId }, Ok);
        await Admin(Put, $"workflows/{wf}", new { ownerId = adminId, agentId = (long?)null, defaultPhoneNumberId = sparePhone, defaultInboxId = spareInbox }, Ok);
        await Admin(Put, $"workflows/{wf}", new { name = "Shipping" }, Conflict);
        await Admin(Put, $"workflows/{wf}", new { agentId, defaultPhoneNumberId = phoneId, defaultInboxId = inboxId }, Ok);

        // Lists: every sort and order, a page at a time with its cursor, and each filter.
        foreach (var sort in new[] { "createdAt", "updatedAt", "name" })
            foreach (var order in new[] { "asc", "desc" })
            {
                var page = await Admin(Get, $"workflows?sort={sort}&order={order}&limit=1", expect: Ok);
                var cursor = page.Body.GetProperty("nextCursor").GetString();
                Assert.That(cursor, Is.Not.Null, $"{sort} {order}: a second page");
                await Admin(Get, $"workflows?sort={sort}&order={order}&limit=1&cursor={Uri.EscapeDataString(cursor!)}", expect: Ok);
            }
        await Admin(Get, "workflows?q=ref", expect: Ok);
        await Admin(Get, $"workflows?ownerId={memberId}", expect: Ok);
        await Admin(Get, $"workflows?agentId={agentId}", expect: Ok);
        await Admin(Get, "workflows?can=edit", expect: Ok);
        await As(_memberOid, Get, "workflows?can=edit", expect: Ok);
        await As(_memberOid, Get, "workflows?sort=name&order=desc&limit=1", expect: Ok);

        // Clone (idempotent), preview, archive and unarchive.
        var copy = (await Admin(Post, $"workflows/{wf}/clone", new { name = "Refunds (EU)" }, Created, ("Idempotency-Key", "clone-refunds"))).Id;
        await Admin(Post, $"workflows/{wf}/clone", new { name = "Refunds (EU)" }, Created, ("Idempotency-Key", "clone-refunds"));
        await Admin(Post, $"workflows/{wf}/clone", new { name = "Refunds (EU)" }, Conflict);
        await Admin(Get, $"workflows/{wf}/deletion-preview", expect: Ok);
        await Admin(Post, $"workflows/{copy}/archive", expect: Ok);
        await Admin(Get, "workflows?archived=true", expect: Ok);
        await Admin(Post, $"workflows/{copy}/archive", expect: Ok);
        await Admin(Post, "assignments", new { workflowId = copy, title = "On an archived workflow" }, Conflict);
        await Admin(Post, $"workflows/{copy}/unarchive", expect: Ok);

        // Assignments (idempotent).
        var assignment = (await Admin(Post, "assignments", new { workflowId = wf, title = "Order 1042" }, Created, ("Idempotency-Key", "ticket-1042"))).Id;
        await Admin(Post, "assignments", new { workflowId = wf, title = "Order 1042" }, Created, ("Idempotency-Key", "ticket-1042"));
        await Admin(Post, "assignments", new { workflowId = copy, title = "Order 1043" }, Created);
        await PagesAsync("assignments?limit=1");
        await Admin(Get, $"assignments/{assignment}", expect: Ok);
        await As(_memberOid, Get, "assignments", expect: Ok);

        // Templates: built-in and the workspace's own, created from and saved as.
        var templates = await Admin(Get, "workflows/templates", expect: Ok);
        var builtIn = templates.Body.GetProperty("items")[0].GetProperty("uuid").GetString()!;
        await Admin(Get, $"workflows/templates/{builtIn}", expect: Ok);
        var fromBuiltIn = (await Admin(Post, $"workflows/templates/{builtIn}/create-workflow", new { name = "From the catalogue" }, Created, ("Idempotency-Key", "from-template"))).Id;
        await Admin(Post, $"workflows/templates/{builtIn}/create-workflow", new { name = "From the catalogue" }, Created, ("Idempotency-Key", "from-template"));
        var saved = await Admin(Post, $"workflows/{wf}/save-as-template", new { name = "Refund process" }, Created);
        var savedUuid = saved.Text("uuid");
        await Admin(Get, $"workflows/templates/{savedUuid}", expect: Ok);
        await PagesAsync("workflows/templates?limit=1");
        await Admin(Post, $"workflows/templates/{savedUuid}/create-workflow", new { name = "Refunds (US)" }, Created);

        // Deletes: a task, a workflow with tasks (refused, then cascading), what workflows name.
        await Admin(Delete, $"workflows/{wf}/tasks/{close}", expect: Ok);
        await Admin(Delete, $"workflows/{fromBuiltIn}", expect: HttpStatusCode.BadRequest);
        await Admin(Delete, $"workflows/{fromBuiltIn}?cascade=true", expect: Ok);
        await Admin(Get, $"workflows/{fromBuiltIn}", expect: HttpStatusCode.NotFound);
        await Admin(Delete, $"phone-numbers/{phoneId}", expect: Conflict);
        await Admin(Delete, $"inboxes/{inboxId}", expect: Conflict);
        await Admin(Delete, $"phone-numbers/{sparePhone}", expect: Ok);
        await Admin(Delete, $"inboxes/{spareInbox}", expect: Ok);
        await Admin(Delete, $"members/{agentId}", expect: Ok);
        await Admin(Delete, $"members/{guestId}", expect: Ok);
        await Admin(Delete, $"members/{adminId}", expect: Conflict);
        await Admin(Delete, $"workflows/{copy}?cascade=true", expect: Ok);
    }
}
