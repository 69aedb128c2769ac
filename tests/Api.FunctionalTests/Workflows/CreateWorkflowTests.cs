using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Workflows.Application.Workflows;
using Workflows.Domain.Members;
using Workflows.Domain.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>POST /api/v2/w/{workspace_uuid}/workflows</summary>
public sealed class CreateWorkflowTests
{
    [Test]
    public async Task Create_Returns201WithLocationETagAndTheWorkflow_OwnedByTheCaller()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows", new
        {
            name = "  Invoice approval  ",
            description = "Routes invoices to approvers.",
            prompt = "Check the amount first.",
            agentId = ws.AgentId,
            posX = 1.5,
            posY = 2.5,
            abilities = new[] { new { type = "email", enabled = true, settings = new { from = "ap@example.com" } } },
            eventRules = new[] { new { @event = "task.failed", condition = "retries > 2", action = "escalate", settings = (object?)null } },
            memberRoleAccess = new[] { new { role = "guest", access = "use" } },
        });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var workflow = await response.ReadAsync<WorkflowResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{ws.WorkflowUrl(workflow.Id)}"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(workflow.Id, Is.Positive);
            Assert.That(workflow.Uuid, Is.Not.EqualTo(Guid.Empty));
            Assert.That(workflow.Name, Is.EqualTo("Invoice approval"), "names are trimmed");
            Assert.That(workflow.Description, Is.EqualTo("Routes invoices to approvers."));
            Assert.That(workflow.Prompt, Is.EqualTo("Check the amount first."));
            Assert.That(workflow.OwnerId, Is.EqualTo(ws.Member.MemberId));
            Assert.That(workflow.AgentId, Is.EqualTo(ws.AgentId));
            Assert.That(workflow.StartTaskId, Is.Null);
            Assert.That((workflow.PosX, workflow.PosY), Is.EqualTo((1.5, 2.5)));
            Assert.That(workflow.Abilities.Select(a => (a.Type, a.Enabled)), Is.EqualTo(new[] { ("email", true) }));
            Assert.That(workflow.EventRules.Select(r => (r.Event, r.Condition, r.Action)), Is.EqualTo(new[] { ("task.failed", (string?)"retries > 2", "escalate") }));
            Assert.That(workflow.MemberRoleAccess, Is.EqualTo(new[] { new RoleAccessDto(MemberRole.Guest, WorkflowAccess.Use) }));
            Assert.That(workflow.Archived, Is.False);
            Assert.That(workflow.Tasks, Is.Empty);
            Assert.That(workflow.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
        });
        var located = await ws.Member.Client.GetAsync(response.Headers.Location);
        Assert.That(located.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(located.Headers.ETag?.Tag, Is.EqualTo(response.Headers.ETag?.Tag));
        Assert.That(WorkflowTestData.Without(await located.Content.ReadAsStringAsync()),
            Is.EqualTo(WorkflowTestData.Without(await response.Content.ReadAsStringAsync())), "what POST answers is what GET reads back");
    }

    [Test]
    public async Task Create_WithOnlyAName_FillsTheRestWithNullsAndEmptyLists()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Bare" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        using var json = await response.ReadJsonDocumentAsync();
        var root = json.RootElement;
        foreach (var field in new[] { "description", "prompt", "agentId", "startTaskId", "defaultPhoneNumberId", "defaultInboxId", "posX", "posY" })
            Assert.That(root.GetProperty(field).ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), field);
        foreach (var field in new[] { "abilities", "eventRules", "memberRoleAccess", "tasks" })
            Assert.That(root.GetProperty(field).GetArrayLength(), Is.Zero, field);
        Assert.That(root.GetProperty("ownerId").GetInt64(), Is.EqualTo(ws.Admin.MemberId));
    }

    [Test]
    public async Task Create_WithDefaultPhoneNumberAndInboxOfTheWorkspace_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phoneId = await ws.Factory.AddPhoneNumberAsync(ws.Workspace.Id);
        var inboxId = await ws.Factory.AddInboxAsync(ws.Workspace.Id);

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Calls", defaultPhoneNumberId = phoneId, defaultInboxId = inboxId });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var workflow = await response.ReadAsync<WorkflowResponse>();
        Assert.That((workflow.DefaultPhoneNumberId, workflow.DefaultInboxId), Is.EqualTo(((long?)phoneId, (long?)inboxId)));
    }

    [TestCase("Onboarding")]
    [TestCase("ONBOARDING")]
    [TestCase("  onboarding ")]
    public async Task Create_WithAnExistingName_Returns409_AndWritesNothing(string name)
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(name: "Onboarding");
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithTheNameOfAnArchivedWorkflow_Returns409_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var archived = await ws.CreateWorkflowAsync(name: "Seasonal campaign");
        await ws.ArchiveAsync(archived.Id);
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Seasonal Campaign" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithTheNameOfAnotherWorkspacesWorkflow_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await other.CreateWorkflowAsync(name: "Shared name");

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Shared name" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    private static IEnumerable<TestCaseData> InvalidBodies()
    {
        yield return new TestCaseData("{}", "name").SetArgDisplayNames("missing name");
        yield return new TestCaseData("""{ "name": "" }""", "name").SetArgDisplayNames("empty name");
        yield return new TestCaseData($$"""{ "name": "{{new string('n', 201)}}" }""", "name").SetArgDisplayNames("name of 201 characters");
        yield return new TestCaseData($$"""{ "name": "Ok", "description": "{{new string('d', 2001)}}" }""", "description").SetArgDisplayNames("description of 2001 characters");
        yield return new TestCaseData($$"""{ "name": "Ok", "prompt": "{{new string('p', 32001)}}" }""", "prompt").SetArgDisplayNames("prompt of 32001 characters");
        yield return new TestCaseData(WithItems("abilities", 51, i => $$"""{ "type": "ability{{i}}", "enabled": true, "settings": {} }"""), "abilities").SetArgDisplayNames("51 abilities");
        yield return new TestCaseData(WithItems("eventRules", 101, i => $$"""{ "event": "e{{i}}", "condition": null, "action": "a", "settings": {} }"""), "eventRules").SetArgDisplayNames("101 event rules");
        yield return new TestCaseData("""{ "name": "Ok", "abilities": [{ "type": "email", "enabled": true, "settings": "loud" }] }""", "abilities[0].settings").SetArgDisplayNames("ability settings not an object");
        yield return new TestCaseData("""{ "name": "Ok", "abilities": [{ "type": "email", "enabled": true, "settings": [1, 2] }] }""", "abilities[0].settings").SetArgDisplayNames("ability settings an array");
        yield return new TestCaseData("""{ "name": "Ok", "eventRules": [{ "event": "e", "action": "a", "settings": 7 }] }""", "eventRules[0].settings").SetArgDisplayNames("event rule settings not an object");
        yield return new TestCaseData("""{ "name": "Ok", "memberRoleAccess": [{ "role": "guest", "access": "use" }, { "role": "guest", "access": "edit" }] }""", "memberRoleAccess").SetArgDisplayNames("a role twice");
        yield return new TestCaseData("""{ "name": "Ok", "memberRoleAccess": [{ "role": "visitor", "access": "use" }] }""", "memberRoleAccess[0].role").SetArgDisplayNames("unknown role");
        yield return new TestCaseData("""{ "name": ["Ok"] }""", "name").SetArgDisplayNames("name as an array");
        yield return new TestCaseData("""{ "name": "Ok", "posX": "left" }""", "posX").SetArgDisplayNames("posX as a string");
    }

    private static string WithItems(string field, int count, Func<int, string> item) =>
        $$"""{ "name": "Too many", "{{field}}": [{{string.Join(", ", Enumerable.Range(0, count).Select(item))}}] }""";

    [TestCaseSource(nameof(InvalidBodies))]
    public async Task Create_WithInvalidData_Returns400NamingTheField_AndWritesNothing(string body, string field)
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", body);

        await response.ShouldBeValidationProblemAsync(field);
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithAgentIdNamingAPerson_Returns400NamingAgentId_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Ok", agentId = ws.Member.MemberId });

        await response.ShouldBeValidationProblemAsync("agentId");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithDefaultPhoneNumberOfAnotherWorkspace_Returns400NamingIt_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreignPhone = await ws.Factory.AddPhoneNumberAsync(other.Workspace.Id);
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Ok", defaultPhoneNumberId = foreignPhone });

        await response.ShouldBeValidationProblemAsync("defaultPhoneNumberId");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [TestCase("""{ "name": "Unfinished" """)]
    [TestCase("not json at all")]
    [TestCase("")]
    public async Task Create_WithMalformedJson_Returns400_AndWritesNothing(string body)
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.Errors, Is.Not.Null.And.Not.Empty);
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithABodyOverOneMebibyte_Returns413Problem_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();
        var body = $$"""{ "name": "Huge", "prompt": "{{new string('x', 1024 * 1024)}}" }""";

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithAStreamedBodyOverOneMebibyte_Returns413Problem_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();
        var bytes = Encoding.UTF8.GetBytes($$"""{ "name": "Huge", "prompt": "{{new string('x', 1024 * 1024)}}" }""");
        var content = new StreamContent(new UnseekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{ws.Root}/workflows") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_ByGuest_Returns403BecauseTheRoleCannotCreateWorkflows_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Guest.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Guest's workflow" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithReadOnlyScope_Returns403InsufficientScope_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").PostJsonAsync($"{ws.Root}/workflows", new { name = "Read only" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_ByDaemonWithWriteRole_Returns201OwnedByTheDaemon()
    {
        var ws = await TestWorkspace.CreateAsync();
        var daemon = await ws.AddDaemonAsync("member", "workflows:write");

        var response = await daemon.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Nightly sync" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await response.ReadAsync<WorkflowResponse>()).OwnerId, Is.EqualTo(daemon.MemberId));
    }

    [Test]
    public async Task Create_ByStranger_Returns404_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Intruder" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Create_WithoutToken_Returns401_AndWritesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.Root}/workflows", new { name = "Anonymous" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    /// <summary>A body whose length the client cannot know up front, so it is sent chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
