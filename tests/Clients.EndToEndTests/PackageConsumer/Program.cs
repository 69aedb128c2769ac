// The end-to-end scenario through the Workflows.Client NuGet package, as a console program of its
// own: CSharpPackageTests packs the client, creates a fresh console project that restores the
// package from a local folder source, puts this file in as its Program.cs, builds and runs it
// against the running service. It takes the service's address and two tokens from
//   WORKFLOWS_API_URL, WORKFLOWS_ALICE_TOKEN, WORKFLOWS_BOB_TOKEN, WORKFLOWS_BOB_OBJECT_ID,
// prints "step <name>" once each step has checked what it expects (the same steps as the TypeScript
// scenario, clients/typescript/e2e/scenario.ts), and ends with exit code 1 at the first failure.
using System.Globalization;
using System.Net.Http.Headers;
using Workflows.Client;

try
{
    await RunAsync();
    Console.WriteLine("scenario passed");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}

static async Task RunAsync()
{
    var url = new Uri(Required("WORKFLOWS_API_URL").TrimEnd('/') + "/");
    using var alice = Http(url, Required("WORKFLOWS_ALICE_TOKEN"));
    using var bob = Http(url, Required("WORKFLOWS_BOB_TOKEN"));
    var workspaces = new WorkspacesClient(alice);
    var members = new MembersClient(alice);
    var workflows = new WorkflowsClient(alice);
    var tasks = new TasksClient(alice);
    var templates = new TemplatesClient(alice);

    WorkspaceResponse workspace = await workspaces.CreateAsync(new CreateWorkspaceRequest { Name = $"C# package {Guid.NewGuid():N}"[..28] });
    Check(workspace.Role == MemberRole.Admin, $"the creator is the workspace's admin, got {workspace.Role}");
    var ws = workspace.Uuid;
    Step("create a workspace");

    MemberResponse bobMember = await members.AddAsync(ws, new AddMemberRequest
    {
        Kind = MemberKind.Person, DisplayName = "Bob", ObjectId = Required("WORKFLOWS_BOB_OBJECT_ID"), Role = MemberRole.Member,
    });
    MemberResponse agent = await members.AddAsync(ws, new AddMemberRequest { Kind = MemberKind.Agent, DisplayName = "Triage bot", Role = MemberRole.Member });
    Check(bobMember.Kind == MemberKind.Person && bobMember.Role == MemberRole.Member, "Bob is a person with the role member");
    Check(agent.Kind == MemberKind.Agent && agent.ObjectId is null, "the agent has no object id");
    Step("add members");

    WorkflowResponse workflow = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Refund request", Description = "Refunds under 500 EUR", AgentId = agent.Id });
    TaskResponse refund = await tasks.CreateAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture), new CreateTaskRequest { Name = "Issue refund" });
    TaskResponse verify = await tasks.CreateAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture), new CreateTaskRequest { Name = "Verify purchase", NextTaskIds = [refund.Id] });
    workflow = await workflows.UpdateAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture), new UpdateWorkflowRequest { StartTaskId = verify.Id });
    Check(workflow.StartTaskId == verify.Id, "the start task is set");
    Check(workflow.Tasks.Count == 2, $"the workflow has 2 tasks, got {workflow.Tasks.Count}");
    Step("create a workflow with tasks");

    WorkflowResponse byId = await workflows.GetAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture));
    WorkflowResponse byUuid = await workflows.GetAsync(ws, workflow.Uuid.ToString());
    Check(byId.Id == workflow.Id && byUuid.Id == workflow.Id, "get by id and by uuid answer the same workflow");
    Check(string.Join(",", byUuid.Tasks.Select(t => t.Name).Order(StringComparer.Ordinal)) == "Issue refund,Verify purchase", "with its tasks");
    WorkflowResponse asBob = await new WorkflowsClient(bob).GetAsync(ws, workflow.Uuid.ToString());
    Check(asBob.Permissions.Use && !asBob.Permissions.Edit, "Bob, a member, may use the workflow but not edit it");
    Step("get it by id and uuid");

    WorkflowResponse updated = await workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest { Name = "Refund request (v2)" });
    Check(updated.Name == "Refund request (v2)", "the name changed");
    Check(updated.Description == "Refunds under 500 EUR" && updated.AgentId == agent.Id && updated.StartTaskId == verify.Id,
        "fields left out stay as they were");
    Step("update it");

    WorkflowResponse cleared = await workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest().Clear(r => r.Description));
    WorkflowResponse reread = await workflows.GetAsync(ws, workflow.Uuid.ToString());
    Check(cleared.Description is null && reread.Description is null, "description cleared with Clear is sent as null and cleared");
    Check(reread.Name == "Refund request (v2)" && reread.AgentId == agent.Id, "fields left out stay as they were");
    Step("clear a field");

    var current = await workflows.GetAsync(ws, workflow.Uuid.ToString());
    Check(current.ETag is ['"', .., '"'], $"a GET carries the ETag, got {current.ETag}");
    var described = await workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest { Description = "Refunds under 500 EUR" }, ifMatch: current.ETag);
    Check(described.StatusCode == 200 && described.Result.Description == "Refunds under 500 EUR", "a PUT with the current ETag as If-Match is taken");
    Check(described.ETag is not null && described.ETag != current.ETag, "and answers the new ETag");
    var stale = await FailureAsync(() => workflows.UpdateAsync(ws, workflow.Uuid.ToString(), new UpdateWorkflowRequest().Clear(r => r.Description), ifMatch: current.ETag));
    Check(stale is { Status: 412, Code: "precondition_failed" }, $"a stale If-Match is a 412 precondition_failed, got {Describe(stale)}");
    try
    {
        await workflows.GetAsync(ws, workflow.Uuid.ToString(), ifNoneMatch: described.ETag);
        Check(false, "If-None-Match with the current ETag is a 304, got 200");
    }
    catch (WorkflowsApiException e) when (e.StatusCode == 304)
    {
    }
    Check((await workflows.GetAsync(ws, workflow.Uuid.ToString())).Result.Description == "Refunds under 500 EUR", "the stale write changed nothing");
    Step("ETag round trip");

    WorkflowResponse copy = await workflows.CloneAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture), new CloneWorkflowRequest { Name = "Refund request (EU)" });
    Check(copy.Id != workflow.Id && copy.Tasks.Count == 2, "the clone is a new workflow with copies of the 2 tasks");
    Check(copy.Tasks.Any(t => t.Id == copy.StartTaskId && t.Name == "Verify purchase"), "its start task is the copy of the start task");
    Step("clone it");

    var conflict = await FailureAsync(() => workflows.CloneAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture), new CloneWorkflowRequest { Name = "Refund request (EU)" }));
    Check(conflict is { Status: 409, Code: "workflow_name_conflict" }, $"a duplicate clone name is a 409 workflow_name_conflict, got {Describe(conflict)}");
    Check(!string.IsNullOrEmpty(conflict?.TraceId), "the problem carries a traceId");
    Step("409 on a duplicate clone name");

    TemplateResponse saved = await workflows.SaveAsTemplateAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture), new SaveAsTemplateRequest { Name = "Refunds (template)" });
    Check(saved.Tasks.Count == 2, $"the template has the workflow's 2 tasks, got {saved.Tasks.Count}");
    var listed = new List<TemplateSummaryResponse>();
    string? cursor = null;
    do
    {
        PageOfTemplateSummaryResponse page = await templates.ListAsync(ws, limit: 2, cursor: cursor);
        Check(page.Items.Count is >= 1 and <= 2, $"a page holds 1 or 2 templates, got {page.Items.Count}");
        listed.AddRange(page.Items);
        cursor = page.NextCursor;
    }
    while (cursor is not null);
    Check(listed.Select(t => t.Uuid).Distinct().Count() == listed.Count, "each template is listed once");
    Check(listed[^1].Uuid == saved.Uuid && listed[^1].Source == TemplateSource.Workspace && listed[^1].TaskCount == 2, "the saved template comes last");
    Check(listed.SkipLast(1).All(t => t.Source == TemplateSource.BuiltIn && t.CreatedAt is null), "after the built-in ones");
    var badLimit = await FailureAsync(() => templates.ListAsync(ws, limit: 201));
    Check(badLimit is { Status: 400 }, $"limit=201 is a 400, got {Describe(badLimit)}");
    Step("save as a template and page through the templates");

    DeletionPreviewResponse preview = await workflows.GetDeletionPreviewAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture));
    Check(preview.TaskCount == 2 && preview.Tasks.Count == 2 && !preview.HasAssignments, "the preview lists the 2 tasks and no assignment");
    Step("preview the deletion");

    Check((await workflows.ArchiveAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture))).Result.Status == "success", "archive answers success");
    Step("archive");

    var active = (await workflows.ListAsync(ws)).Result.Items.Select(w => w.Name).ToList();
    var archived = (await workflows.ListAsync(ws, archived: true)).Result.Items.Select(w => w.Name).ToList();
    Check(!active.Contains("Refund request (v2)") && active.Contains("Refund request (EU)"), $"the default list hides the archived workflow: {string.Join(", ", active)}");
    Check(archived is ["Refund request (v2)"], $"archived=true lists only the archived workflow: {string.Join(", ", archived)}");
    Step("list with and without archived");

    Check((await workflows.UnarchiveAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture))).Result.Status == "success", "unarchive answers success");
    Check((await workflows.ListAsync(ws)).Result.Items.Any(w => w.Name == "Refund request (v2)"), "the unarchived workflow is listed again");
    Step("unarchive");

    var workflowId = workflow.Id.ToString(CultureInfo.InvariantCulture);
    var promptBefore = (await workflows.GetAsync(ws, workflowId)).Result.Prompt;
    await workflows.UpdateAsync(ws, workflowId, new UpdateWorkflowRequest { Prompt = "Refund anything." });
    var versions = (await workflows.ListVersionsAsync(ws, workflowId, limit: 2)).Result;
    Check(versions.Items[0] is { Change: WorkflowChange.Updated, Summary: "Prompt changed" }, $"the newest version is the prompt's change, got {versions.Items[0].Summary}");
    var diff = (await workflows.GetVersionDiffAsync(ws, workflowId, versions.Items[0].Version)).Result;
    Check(diff.Any(op => op.Op == JsonPatchOp.Replace && op.Path == "/prompt" && op.Value?.ToString() == "Refund anything."), "the diff replaces the prompt");
    var restored = (await workflows.RestoreVersionAsync(ws, workflowId, versions.Items[1].Version)).Result;
    Check(restored.Prompt == promptBefore && restored.Tasks.Count == 2, "the restore puts the prompt back and keeps the tasks");
    Check((await workflows.ListVersionsAsync(ws, workflowId, limit: 1)).Result.Items[0].Change == WorkflowChange.Restored, "the restore is the newest version");
    Step("history: change a prompt, list versions, diff, restore");

    var hasTasks = await FailureAsync(() => workflows.DeleteAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture)));
    Check(hasTasks is { Status: 400, Code: "workflow_has_tasks" }, $"a delete without cascade is a 400 workflow_has_tasks, got {Describe(hasTasks)}");
    Step("400 on a delete without cascade");

    StatusResponse deleted = await workflows.DeleteAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture), cascade: true);
    Check(deleted.Status == "success" && deleted.DeletedTaskCount == 2, $"cascade deletes the 2 tasks, got {deleted.Status} with {deleted.DeletedTaskCount}");
    var gone = await FailureAsync(() => workflows.GetAsync(ws, workflow.Id.ToString(CultureInfo.InvariantCulture)));
    Check(gone is { Status: 404 }, $"the deleted workflow is gone, got {Describe(gone)}");
    Step("delete with cascade");

    var auditLog = new AuditLogClient(alice);
    var history = (await auditLog.ListAsync(ws, targetType: "workflow", targetId: workflow.Id)).Result;
    var actions = history.Items.Select(e => e.Action).ToList();
    Check(actions[0] == "workflow.created" && actions[^1] == "workflow.deleted", $"the log has the workflow's life, got {string.Join(", ", actions)}");
    Check(actions.Contains("workflow.updated") && actions.Contains("workflow.restored"), $"the log has the prompt's change and its restore, got {string.Join(", ", actions)}");
    Check(history.NextCursor is not null, "the last page names where the feed goes on");
    var since = (await auditLog.ListAsync(ws, targetType: "workflow", targetId: workflow.Id, cursor: history.NextCursor)).Result;
    Check(since.Items.Count == 0, $"nothing since, got {since.Items.Count}");
    Step("read the audit log");

    var key = Guid.NewGuid().ToString();
    var first = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Chargeback" }, idempotency_Key: key);
    var again = await workflows.CreateAsync(ws, new CreateWorkflowRequest { Name = "Chargeback" }, idempotency_Key: key);
    Check(first is { StatusCode: 201, IdempotentReplayed: false }, "the first request with a key is answered as such");
    Check(again is { StatusCode: 201, IdempotentReplayed: true }, "the same key again replays it");
    Check(again.Result.Id == first.Result.Id && again.Location == first.Location, "the same workflow, created once");
    Check((await workflows.ListAsync(ws)).Result.Items.Count(w => w.Name == "Chargeback") == 1, "nothing new is created");
    Step("retry with an Idempotency-Key");
}

static HttpClient Http(Uri url, string token)
{
    var http = new HttpClient { BaseAddress = url };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return http;
}

// The problem a call fails with; null (and so a failed check) when it succeeds.
static async Task<ProblemDetails?> FailureAsync(Func<Task> call)
{
    try
    {
        await call();
        return null;
    }
    catch (WorkflowsApiException<ValidationProblemDetails> e)
    {
        return e.Result;
    }
    catch (WorkflowsApiException<ProblemDetails> e)
    {
        return e.Result;
    }
}

static string Describe(ProblemDetails? problem) => problem is null ? "success" : $"{problem.Status} {problem.Code}";

static void Check(bool condition, string message)
{
    if (!condition) throw new InvalidOperationException($"Expected: {message}");
}

static void Step(string name) => Console.WriteLine($"step {name}");

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");
