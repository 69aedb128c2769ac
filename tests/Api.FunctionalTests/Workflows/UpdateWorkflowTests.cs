using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Workflows.Application.Workflows;
using Workflows.Domain.Members;
using Workflows.Domain.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>PUT /api/v2/w/{workspace_uuid}/workflows/{workflow_id}</summary>
public sealed class UpdateWorkflowTests
{
    [Test]
    public async Task Update_OnlyName_ChangesTheNameAndLeavesEveryOtherFieldAsItWas()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Support, renamed" });

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Name, Is.EqualTo("Support, renamed"));
        var after = await ws.SnapshotAsync(workflow.Id);
        Assert.That(JsonDocument.Parse(after.Body).RootElement.GetProperty("name").GetString(), Is.EqualTo("Support, renamed"));
        Assert.That(WorkflowTestData.Without(after.Body, "name", "updatedAt"), Is.EqualTo(WorkflowTestData.Without(before.Body, "name", "updatedAt")));
        Assert.That(after.ETag, Is.Not.EqualTo(before.ETag), "a change gives a new ETag");
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(after.ETag));
    }

    [Test]
    public async Task Update_NullDescriptionAgentIdAndStartTaskId_ClearsThem_AndLeavesTheRest()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id),
            """{ "description": null, "agentId": null, "startTaskId": null }""");

        await response.ShouldSucceedAsync();
        var after = await ws.GetWorkflowAsync(workflow.Id);
        Assert.Multiple(() =>
        {
            Assert.That(after.Description, Is.Null);
            Assert.That(after.AgentId, Is.Null);
            Assert.That(after.StartTaskId, Is.Null);
            Assert.That(after.Name, Is.EqualTo(workflow.Name));
            Assert.That(after.Prompt, Is.EqualTo(workflow.Prompt).And.Not.Null);
            Assert.That(after.DefaultPhoneNumberId, Is.EqualTo(workflow.DefaultPhoneNumberId).And.Not.Null);
            Assert.That(after.DefaultInboxId, Is.EqualTo(workflow.DefaultInboxId).And.Not.Null);
            Assert.That(after.PosX, Is.EqualTo(workflow.PosX));
            Assert.That(after.Abilities, Has.Count.EqualTo(2));
            Assert.That(after.EventRules, Has.Count.EqualTo(1));
            Assert.That(after.MemberRoleAccess, Has.Count.EqualTo(2));
            Assert.That(after.Tasks, Has.Count.EqualTo(2), "clearing the start task keeps the tasks");
        });
    }

    [Test]
    public async Task Update_NullForEveryOtherClearableField_ClearsThem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id), """
            {
              "prompt": null, "defaultPhoneNumberId": null, "defaultInboxId": null, "posX": null, "posY": null,
              "abilities": null, "eventRules": null, "memberRoleAccess": null
            }
            """);

        await response.ShouldSucceedAsync();
        var after = await ws.GetWorkflowAsync(workflow.Id);
        Assert.Multiple(() =>
        {
            Assert.That(after.Prompt, Is.Null);
            Assert.That(after.DefaultPhoneNumberId, Is.Null);
            Assert.That(after.DefaultInboxId, Is.Null);
            Assert.That((after.PosX, after.PosY), Is.EqualTo(((double?)null, (double?)null)));
            Assert.That(after.Abilities, Is.Empty);
            Assert.That(after.EventRules, Is.Empty);
            Assert.That(after.MemberRoleAccess, Is.Empty);
            Assert.That(after.Description, Is.EqualTo(workflow.Description).And.Not.Null);
            Assert.That(after.AgentId, Is.EqualTo(ws.AgentId));
            Assert.That(after.StartTaskId, Is.EqualTo(workflow.StartTaskId).And.Not.Null);
        });
    }

    [Test]
    public async Task Update_EveryField_Returns200WithTheUpdatedWorkflow_AsGetThenReturnsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Only task");
        var phoneId = await ws.Factory.AddPhoneNumberAsync(ws.Workspace.Id);
        var inboxId = await ws.Factory.AddInboxAsync(ws.Workspace.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new
        {
            name = "Claims intake",
            description = "Takes in insurance claims.",
            prompt = "Ask for the policy number first.",
            ownerId = ws.OtherAdmin.MemberId,
            agentId = ws.AgentId,
            startTaskId = task.Id,
            defaultPhoneNumberId = phoneId,
            defaultInboxId = inboxId,
            posX = 100.0,
            posY = 200.0,
            abilities = new[] { new { type = "voice", enabled = true, settings = new { language = "en" } } },
            eventRules = new[] { new { @event = "assignment.created", condition = (string?)null, action = "greet", settings = (object?)null } },
            memberRoleAccess = new[] { new { role = "guest", access = "edit" } },
        });

        await response.ShouldSucceedAsync();
        var updated = await response.ReadAsync<WorkflowResponse>();
        var reread = await ws.SnapshotAsync(workflow.Id);
        Assert.Multiple(() =>
        {
            Assert.That(updated.Name, Is.EqualTo("Claims intake"));
            Assert.That(updated.Description, Is.EqualTo("Takes in insurance claims."));
            Assert.That(updated.Prompt, Is.EqualTo("Ask for the policy number first."));
            Assert.That(updated.OwnerId, Is.EqualTo(ws.OtherAdmin.MemberId));
            Assert.That(updated.AgentId, Is.EqualTo(ws.AgentId));
            Assert.That(updated.StartTaskId, Is.EqualTo(task.Id));
            Assert.That(updated.DefaultPhoneNumberId, Is.EqualTo(phoneId));
            Assert.That(updated.DefaultInboxId, Is.EqualTo(inboxId));
            Assert.That((updated.PosX, updated.PosY), Is.EqualTo((100.0, 200.0)));
            Assert.That(updated.Abilities.Select(a => (a.Type, a.Enabled, a.Settings?.GetProperty("language").GetString())),
                Is.EqualTo(new[] { ("voice", true, (string?)"en") }));
            Assert.That(updated.EventRules.Select(r => (r.Event, r.Condition, r.Action)),
                Is.EqualTo(new[] { ("assignment.created", (string?)null, "greet") }));
            Assert.That(updated.MemberRoleAccess, Is.EqualTo(new[] { new RoleAccessDto(MemberRole.Guest, WorkflowAccess.Edit) }));
            Assert.That(updated.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(reread.ETag));
        });
        Assert.That(WorkflowTestData.Without(reread.Body), Is.EqualTo(WorkflowTestData.Without(await response.Content.ReadAsStringAsync())),
            "what PUT answers is what GET reads back");
    }

    [Test]
    public async Task Update_WithTheBodyGetReturned_IsAccepted_AndChangesNothingMeaningful()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);
        var asMemberSeesIt = await ws.Member.Client.GetStringAsync(ws.WorkflowUrl(workflow.Id));

        var response = await ws.Member.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id), asMemberSeesIt);

        await response.ShouldSucceedAsync();
        var after = await ws.SnapshotAsync(workflow.Id);
        Assert.That(WorkflowTestData.Without(after.Body, "updatedAt"), Is.EqualTo(WorkflowTestData.Without(before.Body, "updatedAt")),
            "read-only fields are ignored and the rest is what was already there");
    }

    private static IEnumerable<TestCaseData> InvalidBodies()
    {
        yield return new TestCaseData("""{ "name": "" }""", "name").SetArgDisplayNames("empty name");
        yield return new TestCaseData("""{ "name": "   " }""", "name").SetArgDisplayNames("blank name");
        yield return new TestCaseData("""{ "name": null }""", "name").SetArgDisplayNames("null name");
        yield return new TestCaseData($$"""{ "name": "{{new string('n', 201)}}" }""", "name").SetArgDisplayNames("name of 201 characters");
        yield return new TestCaseData($$"""{ "description": "{{new string('d', 2001)}}" }""", "description").SetArgDisplayNames("description of 2001 characters");
        yield return new TestCaseData("""{ "memberRoleAccess": [{ "role": "owner", "access": "use" }] }""", "memberRoleAccess").SetArgDisplayNames("unknown role");
        yield return new TestCaseData("""{ "memberRoleAccess": [{ "role": "member", "access": "everything" }] }""", "memberRoleAccess").SetArgDisplayNames("unknown access");
        yield return new TestCaseData("""{ "memberRoleAccess": [{ "role": "member", "access": 2 }] }""", "memberRoleAccess").SetArgDisplayNames("access as a number");
        yield return new TestCaseData("""{ "name": 42 }""", "name").SetArgDisplayNames("name as a number");
        yield return new TestCaseData("""{ "posX": "left" }""", "posX").SetArgDisplayNames("posX as a string");
        yield return new TestCaseData("""{ "agentId": "seven" }""", "agentId").SetArgDisplayNames("agentId as a string");
        yield return new TestCaseData("""{ "abilities": { "type": "email" } }""", "abilities").SetArgDisplayNames("abilities as an object");
        yield return new TestCaseData("""{ "ownerId": null }""", "ownerId").SetArgDisplayNames("null ownerId");
        yield return new TestCaseData("""{ "startTaskId": 0 }""", "startTaskId").SetArgDisplayNames("startTaskId zero");
    }

    [TestCaseSource(nameof(InvalidBodies))]
    public async Task Update_InvalidData_Returns400NamingTheField_AndChangesNothing(string body, string field)
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id), body);

        await response.ShouldBeValidationProblemAsync(field);
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [TestCase("abc")]
    [TestCase("1.5")]
    [TestCase("3f2b8c1e-7d4a-4f5e-9b6c-2a1d0e9f8c7b")]
    public async Task Update_WorkflowIdThatIsNotAnInteger_Returns404(string workflowId)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{workflowId}", new { name = "Changed" });

        await response.ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Update_AgentIdNamingAPersonMember_Returns400NamingAgentId_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Changed", agentId = ws.Member.MemberId });

        await response.ShouldBeValidationProblemAsync("agentId");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_AgentIdOfAnotherWorkspacesAgent_Returns400NamingAgentId_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { agentId = other.AgentId });

        await response.ShouldBeValidationProblemAsync("agentId");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_StartTaskIdOfAnotherWorkflow_Returns400NamingStartTaskId_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var (_, otherTask, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { startTaskId = otherTask.Id });

        await response.ShouldBeValidationProblemAsync("startTaskId");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_OwnerIdNotAMemberOfTheWorkspace_Returns400NamingOwnerId_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { ownerId = other.Member.MemberId });
        var unknown = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { ownerId = 987654321 });

        await response.ShouldBeValidationProblemAsync("ownerId");
        await unknown.ShouldBeValidationProblemAsync("ownerId");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_OwnerIdNamingAnAgent_Returns400NamingOwnerId_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { ownerId = ws.AgentId });

        await response.ShouldBeValidationProblemAsync("ownerId");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_DefaultPhoneNumberIdOfAnotherWorkspace_Returns400NamingIt_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreignPhone = await ws.Factory.AddPhoneNumberAsync(other.Workspace.Id);
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { defaultPhoneNumberId = foreignPhone });

        await response.ShouldBeValidationProblemAsync("defaultPhoneNumberId");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_DefaultInboxIdOfAnotherWorkspace_Returns400NamingIt_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreignInbox = await ws.Factory.AddInboxAsync(other.Workspace.Id);
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { defaultInboxId = foreignInbox });

        await response.ShouldBeValidationProblemAsync("defaultInboxId");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_WithoutToken_Returns401_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Factory.WithToken(null).PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Changed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_ByMemberWithDefaultUseAccess_Returns403_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Member.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Changed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_WithReadOnlyScope_Returns403InsufficientScope_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Changed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_ByEditMemberChangingMemberRoleAccess_Returns403_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("member", "edit");
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Member.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new
        {
            memberRoleAccess = new[] { new { role = "member", access = "admin" } },
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_ByEditMemberChangingOwnerId_Returns403_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("member", "edit");
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Member.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { ownerId = ws.Member.MemberId });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_ByEditMemberChangingTheName_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("member", "edit");

        var response = await ws.Member.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Renamed by a member" });

        await response.ShouldSucceedAsync();
        var body = await response.ReadAsync<WorkflowResponse>();
        Assert.That(body.Name, Is.EqualTo("Renamed by a member"));
        Assert.That(body.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Name, Is.EqualTo("Renamed by a member"));
    }

    [Test]
    public async Task Update_ByMemberWhomThePolicyGrantsAdmin_CanChangeMemberRoleAccess()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("member", "admin");

        var response = await ws.Member.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new
        {
            memberRoleAccess = new[] { new { role = "member", access = "admin" }, new { role = "guest", access = "use" } },
        });

        await response.ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).MemberRoleAccess, Is.EquivalentTo(new[]
        {
            new RoleAccessDto(MemberRole.Member, WorkflowAccess.Admin),
            new RoleAccessDto(MemberRole.Guest, WorkflowAccess.Use),
        }));
    }

    [Test]
    public async Task Update_ByOwnerTransferringOwnership_Returns200_AndTheNewOwnerIsSaved()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(ws.Member);

        var response = await ws.Member.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { ownerId = ws.Daemon.MemberId });

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Permissions, Is.EqualTo(new PermissionsResponse(true, false)),
            "the former owner is left with the member role's default");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).OwnerId, Is.EqualTo(ws.Daemon.MemberId));
    }

    [Test]
    public async Task Update_ByOwnerWhoIsAPlainMember_TransferringOwnershipAndChangingMemberRoleAccess_Returns200()
    {
        // Authority is decided on the workflow before the request: the owner may hand it on and
        // change who else may use it in one request, though they no longer own it afterwards.
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(ws.Member);

        var response = await ws.Member.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new
        {
            ownerId = ws.Daemon.MemberId,
            memberRoleAccess = new[] { new { role = "member", access = "edit" }, new { role = "guest", access = "use" } },
        });

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Permissions, Is.EqualTo(new PermissionsResponse(true, true)),
            "the former owner is left with what the new policy gives members");
        var saved = await ws.GetWorkflowAsync(workflow.Id);
        Assert.That(saved.OwnerId, Is.EqualTo(ws.Daemon.MemberId));
        Assert.That(saved.MemberRoleAccess, Is.EquivalentTo(new[]
        {
            new RoleAccessDto(MemberRole.Member, WorkflowAccess.Edit),
            new RoleAccessDto(MemberRole.Guest, WorkflowAccess.Use),
        }));
    }

    [Test]
    public async Task Update_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/987654321", new { name = "Changed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Update_AnotherWorkspacesWorkflow_Returns404_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();
        var before = await other.SnapshotAsync(foreign.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(foreign.Id), new { name = "Changed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await other.SnapshotAsync(foreign.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_ByStranger_Returns404_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Stranger.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Changed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_RenameToAnExistingNameInAnotherCase_Returns409_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(name: "Customer Onboarding");
        var workflow = await ws.CreateWorkflowAsync(name: "Offboarding");
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "customer ONBOARDING" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_RenameToAnArchivedWorkflowsName_Returns409()
    {
        var ws = await TestWorkspace.CreateAsync();
        var archived = await ws.CreateWorkflowAsync(name: "Legacy intake");
        await ws.ArchiveAsync(archived.Id);
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Legacy Intake" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
    }

    [Test]
    public async Task Update_RenameToItsOwnNameInAnotherCase_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Quarterly review");

        var response = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = "Quarterly Review" });

        await response.ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).Name, Is.EqualTo("Quarterly Review"));
    }

    [Test]
    public async Task Update_WithStaleIfMatch_Returns412_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var stale = await ws.SnapshotAsync(workflow.Id);
        var first = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { description = "First writer" });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var before = await ws.SnapshotAsync(workflow.Id);
        var request = new HttpRequestMessage(HttpMethod.Put, ws.WorkflowUrl(workflow.Id)) { Content = JsonContent.Create(new { description = "Second writer" }) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(stale.ETag!));

        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_WithTheCurrentIfMatch_Returns200WithANewETag()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var current = await ws.SnapshotAsync(workflow.Id);
        var request = new HttpRequestMessage(HttpMethod.Put, ws.WorkflowUrl(workflow.Id)) { Content = JsonContent.Create(new { description = "Checked write" }) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(current.ETag!));

        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldSucceedAsync();
        Assert.That(response.Headers.ETag?.Tag, Is.Not.Null.And.Not.EqualTo(current.ETag));
        var after = await ws.SnapshotAsync(workflow.Id);
        Assert.That(after.ETag, Is.EqualTo(response.Headers.ETag?.Tag));
        Assert.That(JsonDocument.Parse(after.Body).RootElement.GetProperty("description").GetString(), Is.EqualTo("Checked write"));
    }
}
