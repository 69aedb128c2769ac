using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.AuditLog;
using Workflows.Application.Common.Audit;
using Workflows.Application.Workflows;
using Workflows.TestSupport.WorkspaceApi;

namespace Workflows.Api.FunctionalTests.AuditLog;

/// <summary>GET /api/v2/w/{workspace_uuid}/audit-log, and the entries every change writes.</summary>
public sealed partial class AuditLogTests
{
    [Test]
    public async Task EveryKindOfChange_WritesOneEntry_InCommitOrder_WithNoGap()
    {
        var ws = await TestWorkspace.CreateAsync();
        var setUp = await ws.AuditEntriesAsync();
        var client = ws.Admin.Client;

        var workflow = await ws.CreateWorkflowAsync(name: "Audited");
        var task = await ws.AddTaskAsync(workflow.Id, "First");
        await (await client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}", new { name = "First, renamed" })).ShouldSucceedAsync();
        var update = await client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}", new { description = "Now described" });
        await update.ShouldSucceedAsync();
        var updatedVersion = long.Parse(update.Headers.ETag!.Tag.Trim('"').Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
        await ws.ArchiveWorkflowAsync(workflow.Id);
        await ws.UnarchiveWorkflowAsync(workflow.Id);
        await (await client.PostAsync($"{ws.Root}/workflows/{workflow.Id}/versions/{updatedVersion - 1}/restore", null)).ShouldSucceedAsync();
        var clone = await client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/clone", new { name = "Audited copy" });
        await clone.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await clone.ReadAsync<WorkflowResponse>();
        var template = await ws.SaveAsTemplateAsync(workflow.Id, new { name = "Audited template" });
        var fromTemplate = await ws.CreateFromTemplateAsync(template.Uuid, "From the audited template");
        var assignment = await ws.StartAssignmentAsync(workflow.Id);
        var phone = await ws.CreatePhoneNumberAsync();
        await (await client.DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}")).ShouldSucceedAsync();
        var inbox = await ws.CreateInboxAsync();
        await (await client.DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}")).ShouldSucceedAsync();
        await (await client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "guest" })).ShouldSucceedAsync();
        await (await client.DeleteAsync($"{ws.Root}/members/{ws.Guest.MemberId}")).ShouldSucceedAsync();
        await (await client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}")).ShouldSucceedAsync();
        await (await client.DeleteAsync($"{ws.Root}/workflows/{copy.Id}?cascade=true")).ShouldSucceedAsync();

        var all = await ws.AuditEntriesAsync();
        var entries = all.Skip(setUp.Count).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(setUp.Select(e => e.Action), Is.EqualTo(new[] { "workspace.created" }.Concat(Enumerable.Repeat("member.added", 5))));
            Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[]
            {
                "workflow.created", "task.created", "task.updated", "workflow.updated", "workflow.archived", "workflow.unarchived",
                "workflow.restored", "workflow.cloned", "workflow.saved_as_template", "workflow.created_from_template", "assignment.created",
                "phone_number.created", "phone_number.deleted", "inbox.created", "inbox.deleted",
                "member.updated", "member.removed", "task.deleted", "workflow.deleted",
            }));
            Assert.That(all.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, all.Count).Select(i => (long)i)), "1, 2, 3… with no gap");
            Assert.That(entries.Select(e => e.Actor.MemberId), Is.All.EqualTo(ws.Admin.MemberId));
            Assert.That(entries.Select(e => e.Actor.ObjectId), Is.All.EqualTo(ws.Admin.ObjectId));
            Assert.That(entries.Select(e => e.Actor.Kind), Is.All.EqualTo("person"));
            Assert.That(entries.Select(e => e.TraceId), Is.All.Matches<string?>(t => t is not null && TraceIdPattern().IsMatch(t)));
        });

        AuditEntryResponse One(string action) => entries.Single(e => e.Action == action);
        Assert.Multiple(() =>
        {
            Assert.That(One("workflow.created").Target, Is.EqualTo(new AuditTargetResponse("workflow", workflow.Id, workflow.Uuid, "Audited")));
            Assert.That(One("workflow.updated").WorkflowVersion, Is.EqualTo(updatedVersion), "the version the PUT's ETag names");
            Assert.That(One("workflow.archived").WorkflowVersion, Is.EqualTo(updatedVersion + 1));
            Assert.That(One("workflow.restored").WorkflowVersion, Is.EqualTo(updatedVersion + 3), "archive, unarchive, then the restore");
            Assert.That(One("workflow.restored").Details?.GetProperty("restoredVersion").GetInt64(), Is.EqualTo(updatedVersion - 1));
            Assert.That(One("task.created").Target, Is.EqualTo(new AuditTargetResponse("task", task.Id, task.Uuid, "First")));
            Assert.That(One("task.updated").Target.Name, Is.EqualTo("First, renamed"));
            Assert.That(One("task.created").Details?.GetProperty("workflowId").GetInt64(), Is.EqualTo(workflow.Id));
            Assert.That(One("workflow.cloned").Target.Id, Is.EqualTo(copy.Id));
            Assert.That(One("workflow.cloned").Details?.GetProperty("sourceWorkflowId").GetInt64(), Is.EqualTo(workflow.Id));
            Assert.That(One("workflow.saved_as_template").Target, Is.EqualTo(new AuditTargetResponse("template", One("workflow.saved_as_template").Target.Id, template.Uuid, "Audited template")));
            Assert.That(One("workflow.created_from_template").Target.Id, Is.EqualTo(fromTemplate.Id));
            Assert.That(One("workflow.created_from_template").Details?.GetProperty("templateUuid").GetGuid(), Is.EqualTo(template.Uuid));
            Assert.That(One("assignment.created").Target.Id, Is.EqualTo(assignment.Id));
            Assert.That(One("phone_number.created").Target, Is.EqualTo(new AuditTargetResponse("phone_number", phone.Id, null, phone.Number)));
            Assert.That(One("phone_number.deleted").Target.Id, Is.EqualTo(phone.Id));
            Assert.That(One("inbox.deleted").Target.Id, Is.EqualTo(inbox.Id));
            var role = One("member.updated").Details!.Value.GetProperty("role");
            Assert.That((role.GetProperty("from").GetString(), role.GetProperty("to").GetString()), Is.EqualTo(("member", "guest")));
            Assert.That(One("member.updated").Details!.Value.TryGetProperty("displayName", out _), Is.False, "only what changed");
            Assert.That(One("member.removed").Target.Id, Is.EqualTo(ws.Guest.MemberId));
            Assert.That(One("workflow.deleted").Target, Is.EqualTo(new AuditTargetResponse("workflow", copy.Id, copy.Uuid, "Audited copy")));
            Assert.That(One("workflow.deleted").Details?.GetProperty("deletedTaskCount").GetInt32(), Is.EqualTo(1));
            Assert.That(One("workflow.deleted").WorkflowVersion, Is.Null);
        });
    }

    [Test]
    public void EveryAuditAction_IsExercisedByTheScenarioAbove()
    {
        // The scenario lists each action once; an action added to AuditActions must be added there too.
        var exercised = new[]
        {
            "workspace.created", "member.added", "member.updated", "member.removed",
            "workflow.created", "task.created", "task.updated", "workflow.updated", "workflow.archived", "workflow.unarchived",
            "workflow.restored", "workflow.cloned", "workflow.saved_as_template", "workflow.created_from_template", "assignment.created",
            "phone_number.created", "phone_number.deleted", "inbox.created", "inbox.deleted", "task.deleted", "workflow.deleted",
        };
        Assert.That(AuditActions.All.Select(a => a.Name), Is.EquivalentTo(exercised));
    }

    [Test]
    public async Task Entries_CarryTheRequestsTraceId()
    {
        var ws = await TestWorkspace.CreateAsync();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ws.Root}/workflows") { Content = JsonContent.Create(new { name = "Traced" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        await (await ws.Admin.Client.SendAsync(request)).ShouldSucceedAsync(HttpStatusCode.Created);

        var entry = (await ws.AuditEntriesAsync("action=workflow.created")).Single();
        Assert.That(entry.TraceId, Is.EqualTo(traceId));
    }

    [Test]
    public async Task FailedAndNoOpRequests_WriteNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Taken");
        await ws.ArchiveWorkflowAsync(workflow.Id);
        var before = await ws.AuditEntriesAsync();

        // A conflict the database refuses, a rule the domain refuses, a stale If-Match, a no-op.
        await (await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Taken" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        await (await ws.Admin.Client.PostJsonAsync($"{ws.Root}/assignments", new { workflowId = workflow.Id, title = "No" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_archived");
        using (var stale = new HttpRequestMessage(HttpMethod.Put, $"{ws.Root}/workflows/{workflow.Id}") { Content = JsonContent.Create(new { description = "x" }) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"999-4\"");
            await (await ws.Admin.Client.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        }
        await ws.ArchiveWorkflowAsync(workflow.Id);
        await (await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "member" })).ShouldSucceedAsync();

        Assert.That(await ws.AuditEntriesAsync(), Has.Count.EqualTo(before.Count));
    }

    [Test]
    public async Task AnIdempotentReplay_WritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        async Task<HttpResponseMessage> Create()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{ws.Root}/workflows") { Content = JsonContent.Create(new { name = "Once" }) };
            request.Headers.Add("Idempotency-Key", "audit-once");
            return await ws.Admin.Client.SendAsync(request);
        }

        await (await Create()).ShouldSucceedAsync(HttpStatusCode.Created);
        var replay = await Create();
        await replay.ShouldSucceedAsync(HttpStatusCode.Created);

        Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(await ws.AuditEntriesAsync("action=workflow.created"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Entries_OutliveWhatTheyName()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Short-lived");
        await (await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}")).ShouldSucceedAsync();

        var entries = await ws.AuditEntriesAsync($"targetType=workflow&targetId={workflow.Id}");

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { "workflow.created", "workflow.deleted" }));
            Assert.That(entries.Select(e => e.Target.Name), Is.All.EqualTo("Short-lived"));
            Assert.That(entries[1].Details?.GetProperty("deletedTaskCount").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task List_ReturnsTheEntryShape()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/audit-log?limit=1");

        await response.ShouldSucceedAsync();
        var json = await BodyShape.ReadAsync(response);
        var item = json.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(BodyShape.PropertiesOf(json), Is.EquivalentTo(new[] { "items", "nextCursor" }));
            Assert.That(BodyShape.PropertiesOf(item), Is.EquivalentTo(new[]
            {
                "id", "sequence", "at", "actor", "action", "target", "workflowVersion", "details", "traceId",
            }));
            Assert.That(BodyShape.PropertiesOf(item.GetProperty("actor")), Is.EquivalentTo(new[] { "memberId", "objectId", "appId", "kind" }));
            Assert.That(BodyShape.PropertiesOf(item.GetProperty("target")), Is.EquivalentTo(new[] { "type", "id", "uuid", "name" }));
            Assert.That(item.GetProperty("action").GetString(), Is.EqualTo("workspace.created"));
            Assert.That(item.GetProperty("target").GetProperty("uuid").GetGuid(), Is.EqualTo(ws.Uuid));
        });
    }

    [Test]
    public async Task Paging_FollowsTheSequence_AndTheLastCursorFollowsTheFeed()
    {
        var ws = await TestWorkspace.CreateAsync(); // 6 entries

        var first = await ws.AuditPageAsync("limit=4");
        var second = await ws.AuditPageAsync($"limit=4&cursor={Uri.EscapeDataString(first.NextCursor!)}");
        var empty = await ws.AuditPageAsync($"limit=4&cursor={Uri.EscapeDataString(second.NextCursor!)}");
        var workflow = await ws.CreateWorkflowAsync();
        var fresh = await ws.AuditPageAsync($"limit=4&cursor={Uri.EscapeDataString(second.NextCursor!)}");
        var fromEmpty = await ws.AuditPageAsync($"limit=4&cursor={Uri.EscapeDataString(empty.NextCursor!)}");
        var after = await ws.AuditPageAsync($"limit=4&cursor={Uri.EscapeDataString(fresh.NextCursor!)}");

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
            Assert.That(second.Items.Select(e => e.Sequence), Is.EqualTo(new long[] { 5, 6 }));
            Assert.That(second.NextCursor, Is.Not.Null, "the last page names where the next entries start");
            Assert.That(empty.Items, Is.Empty);
            Assert.That(empty.NextCursor, Is.Not.Null);
            Assert.That(fresh.Items.Select(e => (e.Sequence, e.Target.Id)), Is.EqualTo(new[] { (7L, (long?)workflow.Id) }));
            Assert.That(fromEmpty.Items.Select(e => e.Sequence), Is.EqualTo(new long[] { 7 }));
            Assert.That(after.Items, Is.Empty);
        });
    }

    [Test]
    public async Task Filters_NarrowTheLog_InSequenceOrder()
    {
        var ws = await TestWorkspace.CreateAsync();
        var mine = await ws.CreateWorkflowAsync(name: "Mine");
        var theirs = await ws.CreateWorkflowAsync(owner: ws.OtherAdmin, name: "Theirs");
        await ws.ArchiveWorkflowAsync(mine.Id);
        var everything = await ws.AuditEntriesAsync();
        var middle = everything.Single(e => e.Target.Type == "workflow" && e.Target.Id == theirs.Id).At;

        Assert.Multiple(async () =>
        {
            Assert.That((await ws.AuditEntriesAsync("action=workflow.created")).Select(e => e.Target.Id), Is.EqualTo(new long?[] { mine.Id, theirs.Id }));
            Assert.That((await ws.AuditEntriesAsync($"actorId={ws.OtherAdmin.MemberId}")).Select(e => e.Action), Is.EqualTo(new[] { "workflow.created" }));
            Assert.That((await ws.AuditEntriesAsync($"targetType=workflow&targetId={mine.Id}")).Select(e => e.Action), Is.EqualTo(new[] { "workflow.created", "workflow.archived" }));
            Assert.That((await ws.AuditEntriesAsync("targetType=member")).Select(e => e.Action), Is.EqualTo(Enumerable.Repeat("member.added", 5)));
            Assert.That((await ws.AuditEntriesAsync($"from={Uri.EscapeDataString(middle.ToString("O"))}")).Select(e => e.Target.Id),
                Is.EqualTo(everything.Where(e => e.At >= middle).Select(e => e.Target.Id)));
            Assert.That((await ws.AuditEntriesAsync($"to={Uri.EscapeDataString(middle.ToString("O"))}")).Select(e => e.Sequence),
                Is.EqualTo(everything.Where(e => e.At < middle).Select(e => e.Sequence)));
        });
    }

    [Test]
    public async Task AFilteredFeed_KeepsItsCursor_AndOnlyItsEntriesFollow()
    {
        var ws = await TestWorkspace.CreateAsync();
        var page = await ws.AuditPageAsync("action=workflow.deleted");
        var workflow = await ws.CreateWorkflowAsync();
        await (await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}")).ShouldSucceedAsync();

        var next = await ws.AuditPageAsync($"action=workflow.deleted&cursor={Uri.EscapeDataString(page.NextCursor!)}");

        Assert.Multiple(() =>
        {
            Assert.That(page.Items, Is.Empty);
            Assert.That(next.Items.Select(e => (e.Action, e.Target.Id)), Is.EqualTo(new[] { ("workflow.deleted", (long?)workflow.Id) }));
        });
    }

    [TestCase("action=workflow.exploded", "action")]
    [TestCase("targetType=planet", "targetType")]
    [TestCase("actorId=0", "actorId")]
    [TestCase("targetId=-3", "targetId")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    public async Task BadParameters_Are400s(string query, string field)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/audit-log?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task ACursor_FitsOnlyItsOwnFilters()
    {
        var ws = await TestWorkspace.CreateAsync();
        var page = await ws.AuditPageAsync("action=member.added&limit=1");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/audit-log?action=workflow.created&cursor={Uri.EscapeDataString(page.NextCursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task OnlyAdmins_ReadTheLog_AndStrangersSeeNoWorkspace()
    {
        var ws = await TestWorkspace.CreateAsync();
        var url = $"{ws.Root}/audit-log";

        await (await ws.OtherAdmin.Client.GetAsync(url)).ShouldSucceedAsync();
        await (await ws.Member.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        await (await ws.Guest.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        await (await ws.Daemon.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        await (await ws.Stranger.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task NoRoute_ChangesOrDeletesAnEntry()
    {
        var ws = await TestWorkspace.CreateAsync();
        var entry = (await ws.AuditPageAsync("limit=1")).Items.Single();

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Post })
        {
            using var request = new HttpRequestMessage(method, $"{ws.Root}/audit-log") { Content = JsonContent.Create(new { }) };
            var response = await ws.Admin.Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), method.Method);
        }
        var stored = await ws.Factory.QueryAsync(db => db.AuditEntries.Where(e => e.Id == entry.Id).Select(e => e.Action).SingleAsync());
        Assert.That(stored, Is.EqualTo(entry.Action));
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceIdPattern();
}
