using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.TestSupport;
using Workflows.Client;
using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>The generated C# client (clients/csharp) against the running service.</summary>
public sealed class CSharpClientTests
{
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
        var workspace = await workspaces.CreateAsync(new CreateWorkspaceRequest { Name = $"C# {aliceId[..8]}" });
        Assert.That(workspace.Role, Is.EqualTo(MemberRole.Admin));
        var ws = workspace.Uuid;

        // Add members: Bob, a person, and an agent.
        var bob = await members.AddAsync(ws, new AddMemberRequest { Kind = MemberKind.Person, DisplayName = "Bob", ObjectId = bobId, Role = MemberRole.Member });
        var agent = await members.AddAsync(ws, new AddMemberRequest { Kind = MemberKind.Agent, DisplayName = "Triage bot", Role = MemberRole.Member });
        Assert.That((bob.Kind, bob.Role, agent.Kind, agent.ObjectId), Is.EqualTo((MemberKind.Person, MemberRole.Member, MemberKind.Agent, (string?)null)));

        // A workflow with two tasks: "Verify purchase" → "Issue refund".
        var workflow = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Refund request", Description = "Refunds under 500 EUR", AgentId = agent.Id });
        var refund = await tasks.CreateAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new CreateTaskRequest { Name = "Issue refund" });
        var verify = await tasks.CreateAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new CreateTaskRequest { Name = "Verify purchase", NextTaskIds = [refund.Id] });
        workflow = await workflows.UpdateAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new UpdateWorkflowRequest { StartTaskId = verify.Id });
        Assert.That(workflow.StartTaskId, Is.EqualTo(verify.Id));
        Assert.That(workflow.Tasks.Single(t => t.Id == verify.Id).NextTaskIds, Is.EqualTo(new[] { refund.Id }));

        // Get it by id and by uuid; Bob, a member, may use it but not edit it.
        var byId = await workflows.GetAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var byUuid = await workflows.GetAsync(ws, workflow.Uuid.ToString());
        Assert.That((byId.Id, byUuid.Id), Is.EqualTo((workflow.Id, workflow.Id)));
        Assert.That(byUuid.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { "Issue refund", "Verify purchase" }));
        var asBob = await new WorkflowsClient(bobHttp).GetAsync(ws, workflow.Uuid.ToString());
        Assert.That((asBob.Permissions.Use, asBob.Permissions.Edit), Is.EqualTo((true, false)));

        // Update it: only what is set is sent, so the agent, description and start task stay.
        var updated = await workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest { Name = "Refund request (v2)" }, ifMatch: null);
        Assert.That((updated.Name, updated.Description, updated.AgentId, updated.StartTaskId),
            Is.EqualTo(("Refund request (v2)", "Refunds under 500 EUR", (long?)agent.Id, (long?)verify.Id)));

        // Clone it: a new workflow with copies of the tasks, starting at the copy of the start task.
        var copy = await workflows.CloneAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new CloneWorkflowRequest { Name = "Refund request (EU)" });
        Assert.That(copy.Id, Is.Not.EqualTo(workflow.Id));
        Assert.That(copy.Tasks.Select(t => t.Id), Has.None.AnyOf(refund.Id, verify.Id));
        Assert.That(copy.Tasks.Single(t => t.Id == copy.StartTaskId).Name, Is.EqualTo("Verify purchase"));

        // The same name again: a typed 409 carrying the problem.
        var conflict = Assert.ThrowsAsync<WorkflowsApiException<ProblemDetails>>(
            () => workflows.CloneAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new CloneWorkflowRequest { Name = "refund request (eu)" }));
        Assert.That((conflict!.StatusCode, conflict.Result.Status, conflict.Result.Code), Is.EqualTo((409, 409, "workflow_name_conflict")));
        Assert.That(conflict.Result.TraceId, Is.Not.Empty);

        // Save it as a template: the list pages through summaries, built-in templates first.
        var saved = await workflows.SaveAsTemplateAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new SaveAsTemplateRequest { Name = "Refunds (template)" });
        Assert.That(saved.Tasks, Has.Count.EqualTo(2));
        var listed = new List<TemplateSummaryResponse>();
        string? cursor = null;
        do
        {
            var page = await templates.ListAsync(ws, limit: 2, cursor: cursor);
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
        var preview = await workflows.GetDeletionPreviewAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That((preview.TaskCount, preview.HasAssignments), Is.EqualTo((2, false)));
        Assert.That(preview.Tasks.Select(t => t.Id), Is.EquivalentTo(new[] { refund.Id, verify.Id }));

        // Archive: hidden from the default list, the only one listed with archived=true; then unarchive.
        Assert.That((await workflows.ArchiveAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Status, Is.EqualTo("success"));
        var active = await workflows.ListAsync(ws);
        var archived = await workflows.ListAsync(ws, archived: true);
        Assert.That(active.Items.Select(w => w.Name), Is.EquivalentTo(new[] { "Refund request (EU)" }));
        Assert.That(archived.Items.Select(w => (w.Name, w.Archived)), Is.EquivalentTo(new[] { ("Refund request (v2)", true) }));
        Assert.That((await workflows.UnarchiveAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Status, Is.EqualTo("success"));
        Assert.That((await workflows.ListAsync(ws)).Items.Select(w => w.Name), Is.EquivalentTo(new[] { "Refund request (v2)", "Refund request (EU)" }));

        // A workflow with tasks is deleted only with cascade: a typed 400 without it.
        var hasTasks = Assert.ThrowsAsync<WorkflowsApiException<ValidationProblemDetails>>(() => workflows.DeleteAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That((hasTasks!.StatusCode, hasTasks.Result.Code), Is.EqualTo((400, "workflow_has_tasks")));
        var deleted = await workflows.DeleteAsync(ws, workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cascade: true);
        Assert.That((deleted.Status, deleted.DeletedTaskCount), Is.EqualTo(("success", (int?)2)));
        var gone = Assert.ThrowsAsync<WorkflowsApiException<ProblemDetails>>(() => workflows.GetAsync(ws, workflow.Uuid.ToString()));
        Assert.That((gone!.StatusCode, gone.Result.Code), Is.EqualTo((404, "not_found")));

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
        var ws = (await new WorkspacesClient(http).CreateAsync(new CreateWorkspaceRequest { Name = $"C# history {aliceId[..8]}" })).Uuid;
        var workflow = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Greeting", Prompt = "Say hello." });
        var id = workflow.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await workflows.UpdateAsync(ws, id, new UpdateWorkflowRequest { Prompt = "Say goodbye." });
        var versions = await workflows.ListVersionsAsync(ws, id);
        Assert.That(versions.Items.Select(v => (v.Version, v.Change, v.Summary)),
            Is.EqualTo(new[] { (2L, WorkflowChange.Updated, "Prompt changed"), (1L, WorkflowChange.Created, "Created") }));
        var diff = await workflows.GetVersionDiffAsync(ws, id, 2);
        Assert.That(diff.Any(op => op.Op == JsonPatchOp.Replace && op.Path == "/prompt" && op.Value?.ToString() == "Say goodbye."), Is.True);
        Assert.That((await workflows.GetVersionAsync(ws, id, 1)).Prompt, Is.EqualTo("Say hello."));
        var restored = await workflows.RestoreVersionAsync(ws, id, 1);
        Assert.That(restored.Prompt, Is.EqualTo("Say hello."));
        Assert.That((await workflows.ListVersionsAsync(ws, id, limit: 1)).Items.Single() is { Version: 3, Change: WorkflowChange.Restored, RestoredVersion: 1 });

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
}
