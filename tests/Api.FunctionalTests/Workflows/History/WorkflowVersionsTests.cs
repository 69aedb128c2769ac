using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Templates;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.History;
using Workflows.Domain.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows.History;

/// <summary>GET …/workflows/{workflow_id}/versions, …/versions/{version}, …/versions/{version}/diff and POST …/versions/{version}/restore.</summary>
public sealed class WorkflowVersionsTests
{
    [Test]
    public async Task EveryKindOfChange_RecordsOneVersion_NumberedAsTheETag_NewestFirst()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Refunds");
        var url = ws.WorkflowUrl(workflow.Id);

        await (await ws.Admin.Client.PutJsonAsync(url, new { prompt = "Be brief.", description = "Refund flow", posX = 1.5 })).ShouldSucceedAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Verify purchase");
        await (await ws.Admin.Client.PutJsonAsync($"{url}/tasks/{task.Id}", new { name = "Verify the purchase" })).ShouldSucceedAsync();
        await (await ws.Admin.Client.DeleteAsync($"{url}/tasks/{task.Id}")).ShouldSucceedAsync();
        await (await ws.Admin.Client.PostAsync($"{url}/archive", null)).ShouldSucceedAsync();
        await (await ws.Admin.Client.PostAsync($"{url}/unarchive", null)).ShouldSucceedAsync();

        var versions = await ListAsync(ws, workflow.Id);
        Assert.That(versions.Items.Select(v => v.Version), Is.EqualTo(new long[] { 7, 6, 5, 4, 3, 2, 1 }), "one change, one version number");
        Assert.That(versions.Items.Select(v => v.Change), Is.EqualTo(new[]
        {
            WorkflowChange.Unarchived, WorkflowChange.Archived, WorkflowChange.TaskDeleted, WorkflowChange.TaskUpdated,
            WorkflowChange.TaskCreated, WorkflowChange.Updated, WorkflowChange.Created,
        }));
        Assert.That(versions.Items.Select(v => v.Summary), Is.EqualTo(new[]
        {
            "Unarchived", "Archived", "Task 'Verify the purchase' deleted", "Task 'Verify the purchase' changed",
            "Task 'Verify purchase' added", "Description, prompt and position changed", "Created",
        }));
        Assert.That(versions.Items.Select(v => v.Actor), Has.All.EqualTo(new VersionActorResponse(ws.Admin.MemberId, versions.Items[0].Actor.DisplayName, Domain.Members.MemberKind.Person)));
        Assert.That(versions.NextCursor, Is.Null);

        var current = await ws.Admin.Client.GetAsync(url);
        Assert.That(current.Headers.ETag!.Tag, Does.StartWith("\"7-"), "the newest version is the one the ETag names");
    }

    [Test]
    public async Task RemovingAMember_RecordsAVersionOfEachWorkflowItChanges_NumberedAsTheETag()
    {
        var ws = await TestWorkspace.CreateAsync();
        var owned = await ws.CreateWorkflowAsync(ws.Member);
        var run = await ws.CreateWorkflowAsync(body: new { name = "Agent-run", agentId = ws.AgentId });
        var untouched = await ws.CreateWorkflowAsync(ws.Admin);

        await (await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo={ws.OtherAdmin.MemberId}")).ShouldSucceedAsync();
        await (await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.AgentId}")).ShouldSucceedAsync();

        foreach (var (workflow, summary) in new[] { (owned, "Owner changed:"), (run, "Agent removed:") })
        {
            var versions = await ListAsync(ws, workflow.Id);
            Assert.That(versions.Items.Select(v => v.Version), Is.EqualTo(new long[] { 2, 1 }), "one change, one version, no gap");
            Assert.That(versions.Items[0].Change, Is.EqualTo(WorkflowChange.Updated));
            Assert.That(versions.Items[0].Summary, Does.StartWith(summary).And.EndWith("left the workspace"));
            Assert.That(versions.Items[0].Actor.MemberId, Is.EqualTo(ws.Admin.MemberId), "who removed the member");
            var current = await ws.Admin.Client.GetAsync(ws.WorkflowUrl(workflow.Id));
            Assert.That(current.Headers.ETag!.Tag, Does.StartWith("\"2-"), "the newest version is the one the ETag names");
        }
        var ownedNow = await GetVersionAsync(ws, owned.Id, 2);
        var runNow = await GetVersionAsync(ws, run.Id, 2);
        Assert.That((ownedNow.OwnerId, runNow.AgentId), Is.EqualTo((ws.OtherAdmin.MemberId, (long?)null)), "the version is the workflow after the change");
        Assert.That((await ListAsync(ws, untouched.Id)).Items.Select(v => v.Version), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task AnUpdateThatChangesNothing_RecordsNoVersion()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Same", prompt = "Hello" });

        await (await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Same", prompt = "Hello" })).ShouldSucceedAsync();

        var versions = await ListAsync(ws, workflow.Id);
        Assert.That(versions.Items.Select(v => v.Version), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task ACloneStartsAtVersion1_NotingItsSource_AndATemplateLikewise()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (source, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var cloned = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Copy" });
        await cloned.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await cloned.ReadAsync<WorkflowResponse>();
        Assert.That(cloned.Headers.ETag!.Tag, Does.StartWith("\"1-"));
        var copyVersions = await ListAsync(ws, copy.Id);
        Assert.That(copyVersions.Items, Has.Count.EqualTo(1));
        Assert.That(copyVersions.Items[0].Version, Is.EqualTo(1));
        Assert.That(copyVersions.Items[0].Change, Is.EqualTo(WorkflowChange.Cloned));
        Assert.That(copyVersions.Items[0].SourceUuid, Is.EqualTo(source.Uuid));
        var snapshot = await GetVersionAsync(ws, copy.Id, 1);
        Assert.That(snapshot.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { "A", "B", "C" }));

        var templates = await (await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates?limit=1")).ReadAsync<Page<TemplateSummaryResponse>>();
        var template = templates.Items.Single();
        var created = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{template.Uuid}/create-workflow", new { name = "From template" });
        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var fromTemplate = await created.ReadAsync<WorkflowResponse>();
        Assert.That(created.Headers.ETag!.Tag, Does.StartWith("\"1-"));
        var templateVersions = await ListAsync(ws, fromTemplate.Id);
        Assert.That(templateVersions.Items.Single().Change, Is.EqualTo(WorkflowChange.CreatedFromTemplate));
        Assert.That(templateVersions.Items.Single().SourceUuid, Is.EqualTo(template.Uuid));
        Assert.That((await GetVersionAsync(ws, fromTemplate.Id, 1)).Tasks, Has.Count.EqualTo(fromTemplate.Tasks.Count));
    }

    [Test]
    public async Task GetVersion_AnswersTheWorkflowAsItWas_WithTheReadersPermissions_And404ForAnUnknownVersion()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Greeting", prompt = "Say hello." });
        await (await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { prompt = "Say goodbye." })).ShouldSucceedAsync();

        var first = await GetVersionAsync(ws, workflow.Id, 1);
        var asMember = await GetVersionAsync(ws, workflow.Id, 1, ws.Member);

        Assert.That(JsonNode.DeepEquals(Body(first), Body(workflow)), Is.True, "version 1 is the workflow as its creation answered it");
        Assert.That(first.Prompt, Is.EqualTo("Say hello."));
        Assert.That(first.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
        Assert.That(asMember.Permissions, Is.EqualTo(new PermissionsResponse(true, false)), "the reader's permissions, not the author's");
        var raw = JsonNode.Parse(await (await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions/2")).Content.ReadAsStringAsync())!;
        Assert.That((string?)raw["prompt"], Is.EqualTo("Say goodbye."));

        var missing = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions/3");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var guest = await ws.Guest.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions/1");
        Assert.That(guest.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task List_IsPagedByASignedCursor()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        for (var i = 0; i < 4; i++)
            await (await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { prompt = $"Prompt {i}" })).ShouldSucceedAsync();

        var first = await ListAsync(ws, workflow.Id, "?limit=2");
        var second = await ListAsync(ws, workflow.Id, $"?limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}");
        var third = await ListAsync(ws, workflow.Id, $"?limit=2&cursor={Uri.EscapeDataString(second.NextCursor!)}");

        Assert.That(first.Items.Select(v => v.Version), Is.EqualTo(new long[] { 5, 4 }));
        Assert.That(second.Items.Select(v => v.Version), Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(third.Items.Select(v => v.Version), Is.EqualTo(new long[] { 1 }));
        Assert.That(third.NextCursor, Is.Null);
        var edited = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions?cursor={Uri.EscapeDataString(first.NextCursor! + "x")}");
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var tooMany = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions?limit=201");
        await tooMany.ShouldBeValidationProblemAsync("limit");
    }

    [Test]
    public async Task Diff_IsAJsonPatch_ThatTurnsTheOtherVersionIntoThisOne_FollowingTasksById()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();
        var url = ws.WorkflowUrl(workflow.Id);
        var start = VersionOf(await ws.Admin.Client.GetAsync(url));

        await (await ws.Admin.Client.PutJsonAsync($"{url}/tasks/{b.Id}", new { name = "B renamed" })).ShouldSucceedAsync();
        await (await ws.Admin.Client.DeleteAsync($"{url}/tasks/{a.Id}")).ShouldSucceedAsync();
        var d = await ws.AddTaskAsync(workflow.Id, "D", c.Id);
        await (await ws.Admin.Client.PutJsonAsync(url, new { prompt = "New prompt", startTaskId = b.Id })).ShouldSucceedAsync();
        var end = VersionOf(await ws.Admin.Client.GetAsync(url));

        // Against an older version, and each version against the one before (the default).
        var pairs = new List<(long From, long To, string Query)> { (start, end, $"?against={start}") };
        for (var v = start + 1; v <= end; v++) pairs.Add((v - 1, v, ""));
        foreach (var (from, to, query) in pairs)
        {
            var diff = await ws.Admin.Client.GetAsync($"{url}/versions/{to}/diff{query}");
            await diff.ShouldSucceedAsync();
            var patch = JsonNode.Parse(await diff.Content.ReadAsStringAsync())!.AsArray();
            var applied = JsonPatch.Apply(await RawVersionAsync(ws, workflow.Id, from), patch);
            Assert.That(JsonNode.DeepEquals(applied, await RawVersionAsync(ws, workflow.Id, to)), Is.True,
                $"patch {from} → {to}: {patch.ToJsonString()}");
        }

        var rename = JsonNode.Parse(await (await ws.Admin.Client.GetAsync($"{url}/versions/{start + 1}/diff")).Content.ReadAsStringAsync())!.AsArray();
        var bIndex = (await GetVersionAsync(ws, workflow.Id, start)).Tasks.ToList().FindIndex(t => t.Id == b.Id);
        Assert.That(rename.Any(op => (string?)op!["op"] == "replace" && (string?)op["path"] == $"/tasks/{bIndex}/name" && (string?)op["value"] == "B renamed"),
            Is.True, $"a renamed task is a replace of its name: {rename.ToJsonString()}");
        Assert.That(rename.Any(op => (string?)op!["op"] is "remove" or "add" && ((string?)op["path"])!.StartsWith("/tasks/", StringComparison.Ordinal)
            && ((string?)op["path"])!.Count(ch => ch == '/') == 2), Is.False, "no task is removed and added for a rename");
        Assert.That(d.Id, Is.GreaterThan(c.Id));

        var same = await ws.Admin.Client.GetAsync($"{url}/versions/{end}/diff?against={end}");
        Assert.That(await same.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
        var unknown = await ws.Admin.Client.GetAsync($"{url}/versions/{end}/diff?against={end + 5}");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var invalid = await ws.Admin.Client.GetAsync($"{url}/versions/{end}/diff?against=0");
        await invalid.ShouldBeValidationProblemAsync("against");
    }

    [Test]
    public async Task Restore_PutsSettingsTasksAndTransitionsBack_AsANewVersion_KeepingIdsThatStillExist()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync(name: "Restorable");
        var url = ws.WorkflowUrl(workflow.Id);
        var good = VersionOf(await ws.Admin.Client.GetAsync(url));
        var before = await GetVersionAsync(ws, workflow.Id, good);

        await (await ws.Admin.Client.PutJsonAsync($"{url}/tasks/{b.Id}", new { name = "B broken", nextTaskIds = Array.Empty<long>() })).ShouldSucceedAsync();
        await (await ws.Admin.Client.DeleteAsync($"{url}/tasks/{c.Id}")).ShouldSucceedAsync();
        await ws.AddTaskAsync(workflow.Id, "Extra");
        await (await ws.Admin.Client.PutJsonAsync(url, new { name = "Renamed", prompt = "Wrong answer" })).ShouldSucceedAsync();
        await (await ws.Admin.Client.PostAsync($"{url}/archive", null)).ShouldSucceedAsync();
        var current = await ws.Admin.Client.GetAsync(url);
        var latest = VersionOf(current);

        var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/versions/{good}/restore");
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldSucceedAsync();
        Assert.That(response.Headers.ETag!.Tag, Does.StartWith($"\"{latest + 1}-"));
        var restored = await response.ReadAsync<WorkflowResponse>();
        Assert.That(JsonNode.DeepEquals(Body(restored), Body(await ws.GetWorkflowAsync(workflow.Id))), Is.True, "the answer is the workflow as stored");
        Assert.That(restored.Name, Is.EqualTo("Restorable"));
        Assert.That(restored.Prompt, Is.EqualTo(before.Prompt));
        Assert.That(restored.Archived, Is.True, "a restore does not unarchive");
        Assert.That(restored.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { "A", "B", "C" }));
        var newC = restored.Tasks.Single(t => t.Name == "C");
        Assert.That(newC.Id, Is.Not.EqualTo(c.Id), "a task deleted since comes back with a new id");
        Assert.That(restored.Tasks.Single(t => t.Name == "A").Id, Is.EqualTo(a.Id), "ids that still exist are kept");
        Assert.That(restored.Tasks.Single(t => t.Name == "B").Id, Is.EqualTo(b.Id));
        Assert.That(restored.Tasks.Single(t => t.Name == "A").NextTaskIds, Is.EqualTo(new[] { b.Id }));
        Assert.That(restored.Tasks.Single(t => t.Name == "B").NextTaskIds, Is.EqualTo(new[] { newC.Id }), "transitions follow the restored tasks");
        Assert.That(restored.StartTaskId, Is.EqualTo(a.Id));
        var tasksList = await (await ws.Admin.Client.GetAsync($"{url}/tasks")).ReadAsync<Page<Application.Tasks.TaskResponse>>();
        Assert.That(tasksList.Items.Select(t => t.Name), Is.EquivalentTo(new[] { "A", "B", "C" }), "the tasks are stored as restored");

        var newest = (await ListAsync(ws, workflow.Id, "?limit=1")).Items.Single();
        Assert.That(newest.Version, Is.EqualTo(latest + 1));
        Assert.That(newest.Change, Is.EqualTo(WorkflowChange.Restored));
        Assert.That(newest.RestoredVersion, Is.EqualTo(good));
        Assert.That(newest.Summary, Is.EqualTo($"Restored version {good}"));
    }

    [Test]
    public async Task Restore_WithAStaleIfMatch_Is412_AndAnUnknownVersion404_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Guarded", prompt = "One" });
        var url = ws.WorkflowUrl(workflow.Id);
        var stale = (await ws.Admin.Client.GetAsync(url)).Headers.ETag!;
        await (await ws.Admin.Client.PutJsonAsync(url, new { prompt = "Two" })).ShouldSucceedAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/versions/1/restore");
        request.Headers.IfMatch.Add(stale);
        var response = await ws.Admin.Client.SendAsync(request);
        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var unknown = await ws.Admin.Client.PostAsync($"{url}/versions/9/restore", null);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Prompt, Is.EqualTo("Two"));
        Assert.That((await ListAsync(ws, workflow.Id)).Items, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Restore_OfANameNowTakenByAnotherWorkflow_Is409()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Original name");
        await (await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "New name" })).ShouldSucceedAsync();
        await ws.CreateWorkflowAsync(name: "Original name");

        var response = await ws.Admin.Client.PostAsync($"{ws.WorkflowUrl(workflow.Id)}/versions/1/restore", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That((await ListAsync(ws, workflow.Id)).Items, Has.Count.EqualTo(2), "no version without its change");
    }

    [Test]
    public async Task Restore_NeedsEdit_AndLeavesOwnerAndRoleAccessAsTheyAre_WithoutAdmin()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Shared", prompt = "Old" });
        var url = ws.WorkflowUrl(workflow.Id);
        await (await ws.Admin.Client.PutJsonAsync(url, new
        {
            prompt = "New",
            memberRoleAccess = new[] { new { role = "member", access = "edit" } },
        })).ShouldSucceedAsync();

        var byGuest = await ws.Guest.Client.PostAsync($"{url}/versions/1/restore", null);
        Assert.That(byGuest.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var byMember = await ws.Member.Client.PostAsync($"{url}/versions/1/restore", null);

        await byMember.ShouldSucceedAsync();
        var restored = await byMember.ReadAsync<WorkflowResponse>();
        Assert.That(restored.Prompt, Is.EqualTo("Old"));
        Assert.That(restored.MemberRoleAccess.Select(e => (e.Role, e.Access)), Is.EqualTo(new[] { (Domain.Members.MemberRole.Member, WorkflowAccess.Edit) }),
            "restoring role access needs admin; with edit it stays as it is");
        var newest = (await ListAsync(ws, workflow.Id, "?limit=1")).Items.Single();
        Assert.That(newest.Summary, Does.Contain("left as they were"));
        Assert.That(newest.Actor.MemberId, Is.EqualTo(ws.Member.MemberId));

        var byAdmin = await ws.Admin.Client.PostAsync($"{url}/versions/1/restore", null);
        await byAdmin.ShouldSucceedAsync();
        Assert.That((await byAdmin.ReadAsync<WorkflowResponse>()).MemberRoleAccess, Is.Empty, "an admin restores role access too");
    }

    [Test]
    public async Task Restore_WithAnIdempotencyKey_ReplaysTheFirstAnswer()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Replayed", prompt = "One" });
        var url = ws.WorkflowUrl(workflow.Id);
        await (await ws.Admin.Client.PutJsonAsync(url, new { prompt = "Two" })).ShouldSucceedAsync();

        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/versions/1/restore");
            request.Headers.Add("Idempotency-Key", "restore-1");
            return request;
        }
        var first = await ws.Admin.Client.SendAsync(Request());
        await (await ws.Admin.Client.PutJsonAsync(url, new { prompt = "Three" })).ShouldSucceedAsync();
        var second = await ws.Admin.Client.SendAsync(Request());

        await first.ShouldSucceedAsync();
        await second.ShouldSucceedAsync();
        Assert.That(second.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Prompt, Is.EqualTo("Three"), "the retry restored nothing again");
        Assert.That((await ListAsync(ws, workflow.Id)).Items.Count(v => v.Change == WorkflowChange.Restored), Is.EqualTo(1));
    }

    [Test]
    public async Task VersionsGoWithTheirWorkflow()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await (await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { prompt = "x" })).ShouldSucceedAsync();
        Assert.That(await CountVersionsAsync(ws.Factory, workflow.Id), Is.EqualTo(2));

        await (await ws.Admin.Client.DeleteAsync(ws.WorkflowUrl(workflow.Id))).ShouldSucceedAsync();

        Assert.That(await CountVersionsAsync(ws.Factory, workflow.Id), Is.Zero);
    }

    [Test]
    public async Task Retention_KeepsTheNewestVersions_AndNeverReusesANumber()
    {
        using var factory = new ShortHistoryFactory();
        var ws = await TestWorkspace.CreateAsync(factory);
        var workflow = await ws.CreateWorkflowAsync();
        for (var i = 0; i < 4; i++)
            await (await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { prompt = $"Prompt {i}" })).ShouldSucceedAsync();

        var versions = await ListAsync(ws, workflow.Id);
        Assert.That(versions.Items.Select(v => v.Version), Is.EqualTo(new long[] { 5, 4, 3 }));
        var dropped = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions/2");
        await dropped.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var oldest = JsonNode.Parse(await (await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions/3/diff")).Content.ReadAsStringAsync())!.AsArray();
        Assert.That(oldest.All(op => (string?)op!["op"] == "add"), Is.True, "the oldest kept version is built from an empty object");
    }

    [Test]
    public async Task AVersionStoresNoOnesPermissions_AndIsServedWithTheReaders()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Stored without a view");
        var stored = await ws.Factory.QueryAsync(db => db.WorkflowVersions.Where(v => v.WorkflowId == workflow.Id).Select(v => v.Snapshot).SingleAsync());

        var served = await (await ws.Member.Client.GetAsync($"{ws.WorkflowUrl(workflow.Id)}/versions/1")).ReadAsync<WorkflowResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.Parse(stored)!.AsObject().ContainsKey("permissions"), Is.False);
            Assert.That(JsonNode.Parse(stored)!.AsObject().ContainsKey("name"), Is.True);
            Assert.That(served.Permissions, Is.EqualTo(new PermissionsResponse(Use: true, Edit: false)), "a member's view, not the admin's who made it");
        });
    }

    private sealed class ShortHistoryFactory : WorkflowsApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("History:MaxVersionsPerWorkflow", "3");
        }
    }

    private static Task<int> CountVersionsAsync(WorkflowsApiFactory factory, long workflowId) =>
        factory.QueryAsync(db => db.WorkflowVersions.CountAsync(v => v.WorkflowId == workflowId));

    private static JsonNode Body(WorkflowResponse workflow) => System.Text.Json.JsonSerializer.SerializeToNode(workflow, global::Workflows.TestSupport.Json.Options)!;

    private static long VersionOf(HttpResponseMessage response) =>
        long.Parse(response.Headers.ETag!.Tag.Trim('"').Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Page<WorkflowVersionSummaryResponse>> ListAsync(TestWorkspace ws, long workflowId, string query = "")
    {
        var response = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflowId)}/versions{query}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<Page<WorkflowVersionSummaryResponse>>();
    }

    private static async Task<WorkflowResponse> GetVersionAsync(TestWorkspace ws, long workflowId, long version, Caller? caller = null)
    {
        var response = await (caller ?? ws.Admin).Client.GetAsync($"{ws.WorkflowUrl(workflowId)}/versions/{version}");
        await response.ShouldSucceedAsync();
        return await response.ReadAsync<WorkflowResponse>();
    }

    private static async Task<JsonNode> RawVersionAsync(TestWorkspace ws, long workflowId, long version)
    {
        var response = await ws.Admin.Client.GetAsync($"{ws.WorkflowUrl(workflowId)}/versions/{version}");
        await response.ShouldSucceedAsync();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
