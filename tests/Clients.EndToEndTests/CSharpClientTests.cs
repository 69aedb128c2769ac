using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Workflows.TestSupport;
using Workflows.Client;
using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>The generated C# client (clients/csharp) against the running service.</summary>
public sealed class CSharpClientTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Test]
    public async Task FullScenario_ThroughTheGeneratedClient_AndEveryAnswerMatchesTheDocument()
    {
        var (aliceId, bobId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var (aliceRecorder, bobRecorder) = (new ExchangeRecorder(), new ExchangeRecorder());
        using var aliceHttp = Testing.Service.HttpClientWith(TestTokens.ForPerson(aliceId), aliceRecorder);
        using var bobHttp = Testing.Service.HttpClientWith(TestTokens.ForPerson(bobId), bobRecorder);
        var workspaces = new WorkspacesClient(aliceHttp);
        var members = new MembersClient(aliceHttp);
        var workflows = new WorkflowsClient(aliceHttp);
        var tasks = new TasksClient(aliceHttp);
        var templates = new TemplatesClient(aliceHttp);

        // Create a workspace; its creator is its admin.
        WorkspaceResponse workspace = await workspaces.CreateAsync(new CreateWorkspaceRequest { Name = $"C# {aliceId[..8]}" });
        Assert.That(workspace.Role, Is.EqualTo(MemberRole.Admin));
        var ws = workspace.Uuid;

        // Add members: Bob, a person, and an agent.
        MemberResponse bob = await members.AddAsync(ws, new AddMemberRequest { Kind = MemberKind.Person, DisplayName = "Bob", ObjectId = bobId, Role = MemberRole.Member });
        MemberResponse agent = await members.AddAsync(ws, new AddMemberRequest { Kind = MemberKind.Agent, DisplayName = "Triage bot", Role = MemberRole.Member });
        Assert.That((bob.Kind, bob.Role, agent.Kind, agent.ObjectId), Is.EqualTo((MemberKind.Person, MemberRole.Member, MemberKind.Agent, (string?)null)));

        // A workflow with two tasks: "Verify purchase" → "Issue refund".
        WorkflowResponse workflow = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Refund request", Description = "Refunds under 500 EUR", AgentId = agent.Id });
        TaskResponse refund = await tasks.CreateAsync(ws, workflow.Id.ToString(Invariant), new CreateTaskRequest { Name = "Issue refund" });
        TaskResponse verify = await tasks.CreateAsync(ws, workflow.Id.ToString(Invariant), new CreateTaskRequest { Name = "Verify purchase", NextTaskIds = [refund.Id] });
        workflow = await workflows.UpdateAsync(ws, workflow.Id.ToString(Invariant), new UpdateWorkflowRequest { StartTaskId = verify.Id });
        Assert.That(workflow.StartTaskId, Is.EqualTo(verify.Id));
        Assert.That(workflow.Tasks.Single(t => t.Id == verify.Id).NextTaskIds, Is.EqualTo(new[] { refund.Id }));

        // Get it by id and by uuid; Bob, a member, may use it but not edit it.
        WorkflowResponse byId = await workflows.GetAsync(ws, workflow.Id.ToString(Invariant));
        WorkflowResponse byUuid = await workflows.GetAsync(ws, workflow.Uuid.ToString());
        Assert.That((byId.Id, byUuid.Id), Is.EqualTo((workflow.Id, workflow.Id)));
        Assert.That(byUuid.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { "Issue refund", "Verify purchase" }));
        WorkflowResponse asBob = await new WorkflowsClient(bobHttp).GetAsync(ws, workflow.Uuid.ToString());
        Assert.That((asBob.Permissions.Use, asBob.Permissions.Edit), Is.EqualTo((true, false)));

        // Update it: only what is set is sent, so the agent, description and start task stay.
        WorkflowResponse updated = await workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest { Name = "Refund request (v2)" }, ifMatch: null);
        Assert.That((updated.Name, updated.Description, updated.AgentId, updated.StartTaskId),
            Is.EqualTo(("Refund request (v2)", "Refunds under 500 EUR", (long?)agent.Id, (long?)verify.Id)));

        // Clear a field: Clear sends it as null; what is neither set nor cleared stays.
        WorkflowResponse cleared = await workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest().Clear(r => r.Description));
        WorkflowResponse reread = await workflows.GetAsync(ws, workflow.Uuid.ToString());
        Assert.That((cleared.Description, reread.Description, reread.Name, reread.AgentId), Is.EqualTo(((string?)null, (string?)null, "Refund request (v2)", (long?)agent.Id)));

        // The ETag round trip: GET, then PUT with its ETag as If-Match (200, a new ETag); the old one is
        // stale (412, the problem), and while the ETag held is current a GET with If-None-Match is a 304.
        var current = await workflows.GetAsync(ws, workflow.Uuid.ToString());
        Assert.That(current.ETag, Does.StartWith("\"").And.EndWith("\""));
        var described = await workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest { Description = "Refunds under 500 EUR" }, ifMatch: current.ETag);
        Assert.That((described.StatusCode, described.Result.Description), Is.EqualTo((200, "Refunds under 500 EUR")));
        Assert.That(described.ETag, Is.Not.Null.And.Not.EqualTo(current.ETag));
        var stale = Assert.ThrowsAsync<WorkflowsApiException<ProblemDetails>>(
            () => workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest().Clear(r => r.Description), ifMatch: current.ETag));
        Assert.That((stale!.StatusCode, stale.Result.Code), Is.EqualTo((412, "precondition_failed")));
        var notModified = Assert.ThrowsAsync<WorkflowsApiException>(() => workflows.GetAsync(ws, workflow.Uuid.ToString(), ifNoneMatch: described.ETag));
        Assert.That((notModified!.StatusCode, notModified.Header("ETag")), Is.EqualTo((304, described.ETag)));
        Assert.That((await workflows.GetAsync(ws, workflow.Uuid.ToString())).Result.Description, Is.EqualTo("Refunds under 500 EUR"), "the stale write changed nothing");

        // Clone it: a new workflow with copies of the tasks, starting at the copy of the start task.
        WorkflowResponse copy = await workflows.CloneAsync(ws, workflow.Id.ToString(Invariant), new CloneWorkflowRequest { Name = "Refund request (EU)" });
        Assert.That(copy.Id, Is.Not.EqualTo(workflow.Id));
        Assert.That(copy.Tasks.Select(t => t.Id), Has.None.AnyOf(refund.Id, verify.Id));
        Assert.That(copy.Tasks.Single(t => t.Id == copy.StartTaskId).Name, Is.EqualTo("Verify purchase"));

        // The same name again: a typed 409 carrying the problem.
        var conflict = Assert.ThrowsAsync<WorkflowsApiException<ProblemDetails>>(
            () => workflows.CloneAsync(ws, workflow.Id.ToString(Invariant), new CloneWorkflowRequest { Name = "refund request (eu)" }));
        Assert.That((conflict!.StatusCode, conflict.Result.Status, conflict.Result.Code), Is.EqualTo((409, 409, "workflow_name_conflict")));
        Assert.That(conflict.Result.TraceId, Is.Not.Empty);

        // Save it as a template: the list pages through summaries, built-in templates first.
        TemplateResponse saved = await workflows.SaveAsTemplateAsync(ws, workflow.Id.ToString(Invariant), new SaveAsTemplateRequest { Name = "Refunds (template)" });
        Assert.That(saved.Tasks, Has.Count.EqualTo(2));
        var listed = new List<TemplateSummaryResponse>();
        string? cursor = null;
        do
        {
            PageOfTemplateSummaryResponse page = await templates.ListAsync(ws, limit: 2, cursor: cursor);
            Assert.That(page.Items, Has.Count.InRange(1, 2));
            listed.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.That(listed.Select(t => t.Uuid), Is.Unique);
        Assert.That((listed[^1].Uuid, listed[^1].Source, listed[^1].TaskCount), Is.EqualTo((saved.Uuid, TemplateSource.Workspace, 2)));
        Assert.That(listed.SkipLast(1).Select(t => (t.Source, t.CreatedAt)), Has.All.EqualTo((TemplateSource.BuiltIn, (DateTimeOffset?)null)));
        var badLimit = Assert.ThrowsAsync<WorkflowsApiException<ValidationProblemDetails>>(() => templates.ListAsync(ws, limit: 201));
        Assert.That(badLimit!.Result.Errors!.Keys, Does.Contain("limit"));

        // Preview the deletion.
        DeletionPreviewResponse preview = await workflows.GetDeletionPreviewAsync(ws, workflow.Id.ToString(Invariant));
        Assert.That((preview.TaskCount, preview.HasAssignments), Is.EqualTo((2, false)));
        Assert.That(preview.Tasks.Select(t => t.Id), Is.EquivalentTo(new[] { refund.Id, verify.Id }));

        // Archive: hidden from the default list, the only one listed with archived=true; then unarchive.
        Assert.That((await workflows.ArchiveAsync(ws, workflow.Id.ToString(Invariant))).Result.Status, Is.EqualTo("success"));
        PageOfWorkflowSummaryResponse active = await workflows.ListAsync(ws);
        PageOfWorkflowSummaryResponse archived = await workflows.ListAsync(ws, archived: true);
        Assert.That(active.Items.Select(w => w.Name), Is.EquivalentTo(new[] { "Refund request (EU)" }));
        Assert.That(archived.Items.Select(w => (w.Name, w.Archived)), Is.EquivalentTo(new[] { ("Refund request (v2)", true) }));
        Assert.That((await workflows.UnarchiveAsync(ws, workflow.Id.ToString(Invariant))).Result.Status, Is.EqualTo("success"));
        Assert.That((await workflows.ListAsync(ws)).Result.Items.Select(w => w.Name), Is.EquivalentTo(new[] { "Refund request (v2)", "Refund request (EU)" }));

        // A workflow with tasks is deleted only with cascade: a typed 400 without it.
        var hasTasks = Assert.ThrowsAsync<WorkflowsApiException<ValidationProblemDetails>>(() => workflows.DeleteAsync(ws, workflow.Id.ToString(Invariant)));
        Assert.That((hasTasks!.StatusCode, hasTasks.Result.Code), Is.EqualTo((400, "workflow_has_tasks")));
        StatusResponse deleted = await workflows.DeleteAsync(ws, workflow.Id.ToString(Invariant), cascade: true);
        Assert.That((deleted.Status, deleted.DeletedTaskCount), Is.EqualTo(("success", (int?)2)));
        var gone = Assert.ThrowsAsync<WorkflowsApiException<ProblemDetails>>(() => workflows.GetAsync(ws, workflow.Uuid.ToString()));
        Assert.That((gone!.StatusCode, gone.Result.Code), Is.EqualTo((404, "not_found")));

        // The audit log has the workflow's life, and its last page names where the feed goes on.
        var auditLog = new AuditLogClient(aliceHttp);
        var history = (await auditLog.ListAsync(ws, targetType: "workflow", targetId: workflow.Id)).Result;
        var actions = history.Items.Select(e => e.Action).ToList();
        Assert.That((actions[0], actions[^1]), Is.EqualTo(("workflow.created", "workflow.deleted")));
        Assert.That(actions, Does.Contain("workflow.updated").And.Contain("workflow.archived").And.Contain("workflow.unarchived"));
        Assert.That(history.Items.Select(e => e.Sequence), Is.Ordered.Ascending);
        Assert.That(history.NextCursor, Is.Not.Null);
        Assert.That((await auditLog.ListAsync(ws, targetType: "workflow", targetId: workflow.Id, cursor: history.NextCursor)).Result.Items, Is.Empty);
        var notAdmin = Assert.ThrowsAsync<WorkflowsApiException<ProblemDetails>>(() => new AuditLogClient(bobHttp).ListAsync(ws));
        Assert.That((notAdmin!.StatusCode, notAdmin.Result.Code), Is.EqualTo((403, "access_denied")));

        // The same Idempotency-Key twice: the second answer is the first one replayed, and nothing new is created.
        var key = Guid.NewGuid().ToString();
        var first = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Chargeback" }, idempotency_Key: key);
        var again = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Chargeback" }, idempotency_Key: key);
        Assert.That((first.StatusCode, first.IdempotentReplayed, again.StatusCode, again.IdempotentReplayed), Is.EqualTo((201, false, 201, true)));
        Assert.That((again.Result.Id, again.Location), Is.EqualTo((first.Result.Id, first.Location)));
        Assert.That((await workflows.ListAsync(ws)).Result.Items.Count(w => w.Name == "Chargeback"), Is.EqualTo(1));

        await Contract.AssertConformsAsync([.. aliceRecorder.Exchanges, .. bobRecorder.Exchanges]);
        Assert.That(aliceRecorder.Exchanges.Select(e => e.Status), Does.Contain(409).And.Contain(400).And.Contain(404).And.Contain(201));
    }

    [Test]
    public async Task History_ChangeAPrompt_ListVersions_SeeTheDiff_Restore_AndEveryAnswerMatchesTheDocument()
    {
        var aliceId = Guid.NewGuid().ToString();
        var recorder = new ExchangeRecorder();
        using var http = Testing.Service.HttpClientWith(TestTokens.ForPerson(aliceId), recorder);
        var workflows = new WorkflowsClient(http);
        var ws = (await new WorkspacesClient(http).CreateAsync(new CreateWorkspaceRequest { Name = $"C# history {aliceId[..8]}" })).Result.Uuid;
        var workflow = (await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Greeting", Prompt = "Say hello." })).Result;
        var id = workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await workflows.UpdateAsync(ws, id, new UpdateWorkflowRequest { Prompt = "Say goodbye." });
        var versions = (await workflows.ListVersionsAsync(ws, id)).Result;
        Assert.That(versions.Items.Select(v => (v.Version, v.Change, v.Summary)),
            Is.EqualTo(new[] { (2L, WorkflowChange.Updated, "Prompt changed"), (1L, WorkflowChange.Created, "Created") }));
        var diff = (await workflows.GetVersionDiffAsync(ws, id, 2)).Result;
        Assert.That(diff.Any(op => op.Op == JsonPatchOp.Replace && op.Path == "/prompt" && op.Value?.ToString() == "Say goodbye."), Is.True);
        Assert.That((await workflows.GetVersionAsync(ws, id, 1)).Result.Prompt, Is.EqualTo("Say hello."));
        var restored = (await workflows.RestoreVersionAsync(ws, id, 1)).Result;
        Assert.That(restored.Prompt, Is.EqualTo("Say hello."));
        Assert.That((await workflows.ListVersionsAsync(ws, id, limit: 1)).Result.Items.Single() is { Version: 3, Change: WorkflowChange.Restored, RestoredVersion: 1 });

        // All three changes are in the workspace's audit log, each naming the version it made.
        var log = (await new AuditLogClient(http).ListAsync(ws, targetType: "workflow", targetId: workflow.Id)).Result;
        Assert.That(log.Items.Select(e => (e.Action, e.WorkflowVersion)),
            Is.EqualTo(new[] { ("workflow.created", (long?)1), ("workflow.updated", 2), ("workflow.restored", 3) }));

        await Contract.AssertConformsAsync([.. recorder.Exchanges]);
    }

    [Test]
    public async Task EveryGeneratedClient_LeavesNullPropertiesOutOfRequests()
    {
        // PUT and PATCH clear a field sent as null: a client that wrote every unset property as
        // null would clear everything it did not mean to change. Each client gets the setting from
        // a partial in clients/csharp/WorkflowsClientJson.cs.
        var clients = typeof(WorkflowsClient).Assembly.GetTypes()
            .Where(t => t.IsClass && t.Name.EndsWith("Client", StringComparison.Ordinal) && t.GetConstructor([typeof(HttpClient)]) is not null)
            .ToList();
        var groups = (await Contract.DocumentAsync()).Operations.Select(o => o.Operation.OperationId.Split('_')[0]).Distinct();
        Assert.That(clients.Select(c => c.Name), Is.EquivalentTo(groups.Select(g => g + "Client")), "one client per group of operations");

        using var http = new HttpClient();
        Assert.Multiple(() =>
        {
            foreach (var type in clients)
            {
                var client = Activator.CreateInstance(type, http)!;
                var options = (JsonSerializerOptions)type.GetProperty("JsonSerializerSettings", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(client)!;
                Assert.That(options.DefaultIgnoreCondition, Is.EqualTo(JsonIgnoreCondition.WhenWritingNull), type.Name);
            }
        });
    }

    [Test]
    public void Clear_SendsTheNamedPropertiesAsNull_AndLeavesTheOtherNullsOut()
    {
        using var http = new HttpClient();
        string Written(object body) => JsonSerializer.Serialize(body, body.GetType(), Options(new WorkflowsClient(http)));

        Assert.That(Written(new UpdateTaskRequest { Name = "Verify" }.Clear(r => r.Description).Clear(r => r.PosX)),
            Is.EqualTo("""{"name":"Verify","description":null,"posX":null}"""));
        Assert.That(Written(new UpdateWorkflowRequest().Clear(r => r.AgentId)), Is.EqualTo("""{"agentId":null}"""));

        var request = new UpdateWorkflowRequest { Description = "Refunds" }.Clear(r => r.Description);
        Assert.That(request.Description, Is.Null, "clearing drops the value set");
        request.Description = "Refunds under 500 EUR";
        Assert.That(Written(request), Is.EqualTo("""{"description":"Refunds under 500 EUR"}"""), "a value set again is sent");
        Assert.Throws<ArgumentException>(() => new UpdateWorkflowRequest { Name = "x" }.Clear(r => r.Name!.Length), "only a property of the request");
    }

    [Test]
    public void EveryPutBody_CanClearItsFields()
    {
        // A PUT clears a field sent as null, which the C# client sends only for what Clear names: a new
        // PUT body needs its partial in clients/csharp/ClearableRequests.cs.
        var document = JsonNode.Parse(File.ReadAllText(Repository.CheckedInDocument))!;
        var bodies = document["paths"]!.AsObject()
            .Select(p => p.Value!["put"]?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>())
            .OfType<string>().Select(reference => reference.Split('/')[^1]).Distinct().ToList();
        Assert.That(bodies, Is.SupersetOf(new[] { nameof(UpdateWorkflowRequest), nameof(UpdateTaskRequest) }));
        Assert.That(bodies.Where(b => !typeof(IClearsProperties).IsAssignableFrom(typeof(WorkflowsClient).Assembly.GetType($"Workflows.Client.{b}", throwOnError: true))),
            Is.Empty);
    }

    private static JsonSerializerOptions Options(object client) =>
        (JsonSerializerOptions)client.GetType().GetProperty("JsonSerializerSettings", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(client)!;
}
