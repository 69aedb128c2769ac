using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Members;
using Workflows.Application.Workflows;

namespace Workflows.Reliability.Tests.Drills;

/// <summary>
/// What a body may not do: set read-only fields, name members its schema lacks, grant access or hand ownership without admin
/// authority, or carry a workflow, a task or a member across the workspace boundary.
/// </summary>
public sealed class MassAssignmentTests
{
    private static readonly Drill Drill = Figures.For(Figures.MassAssignment);

    [OneTimeTearDown]
    public void AllAsExpected() => Drill.AssertNoneUnexpected();

    [Test]
    public async Task WorkflowPut_WithEveryReadOnlyFieldForged_IgnoresThem()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var url = $"{ws.Root}/workflows/{workflow.Id}";
        var body = JsonNode.Parse(await (await ws.Member.Client.GetAsync(url)).Content.ReadAsStringAsync())!.AsObject();
        var smuggled = body["tasks"]![0]!.DeepClone();
        smuggled["name"] = "Smuggled";
        body["description"] = "Changed through a GET body";
        body["id"] = workflow.Id + 1_000;
        body["uuid"] = Guid.NewGuid().ToString();
        body["tasks"] = new JsonArray(smuggled);
        body["permissions"] = new JsonObject { ["use"] = true, ["edit"] = true };
        body["createdAt"] = "2000-01-01T00:00:00Z";
        body["updatedAt"] = "2000-01-01T00:00:00Z";
        body["archived"] = true;

        var response = await Drill.ExpectAsync(await ws.Admin.Client.SendRawAsync(HttpMethod.Put, url, body.ToJsonString()), HttpStatusCode.OK, "PUT workflow with forged read-only fields");

        var after = await ws.GetWorkflowAsync(workflow.Id);
        Assert.Multiple(() =>
        {
            Assert.That(after.Description, Is.EqualTo("Changed through a GET body"), "the writable field was written");
            Assert.That((after.Id, after.Uuid, after.CreatedAt), Is.EqualTo((workflow.Id, workflow.Uuid, workflow.CreatedAt)));
            Assert.That(after.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { "A", "B", "C" }));
            Assert.That(after.Archived, Is.False);
            Assert.That(after.UpdatedAt, Is.GreaterThan(workflow.CreatedAt));
        });
        Assert.That(await response.ReadAsync<WorkflowResponse>(), Has.Property(nameof(WorkflowResponse.Name)).EqualTo(workflow.Name));
        await AssertStillInAsync(ws, workflow.Id);
    }

    [TestCase("version", "0")]
    [TestCase("workspaceId", "1")]
    [TestCase("workspaceUuid", "\"00000000-0000-0000-0000-000000000001\"")]
    [TestCase("normalizedName", "\"SOMETHING ELSE\"")]
    public async Task WorkflowPut_WithAFieldThatIsNotInTheContract_Returns400UnknownMember_AndChangesNothing(string member, string value)
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var url = $"{ws.Root}/workflows/{workflow.Id}";
        var before = await (await ws.Admin.Client.GetAsync(url)).Content.ReadAsStringAsync();

        await Drill.ExpectAsync(await ws.Admin.Client.SendRawAsync(HttpMethod.Put, url, $$"""{ "description": "Changed", "{{member}}": {{value}} }"""),
            HttpStatusCode.BadRequest, $"PUT workflow with {member}", "unknown_member");

        Assert.That(await (await ws.Admin.Client.GetAsync(url)).Content.ReadAsStringAsync(), Is.EqualTo(before));
        await AssertStillInAsync(ws, workflow.Id);
    }

    [Test]
    public async Task TaskPut_WithForgedReadOnlyIds_IgnoresThem_AndCreateNamingAnotherWorkflow_IsRefused()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var elsewhere = await ws.CreateWorkflowAsync();
        var url = $"{ws.Root}/workflows/{workflow.Id}/tasks";

        await Drill.ExpectAsync(await ws.Admin.Client.PutJsonAsync($"{url}/{a.Id}", new
        {
            name = "A2",
            id = a.Id + 1_000,
            uuid = Guid.NewGuid(),
            workflowId = elsewhere.Id,
            createdAt = "2000-01-01T00:00:00Z",
        }), HttpStatusCode.OK, "PUT task naming another workflow");
        await Drill.ExpectAsync(await ws.Admin.Client.PutJsonAsync($"{url}/{a.Id}", new { name = "A3", version = 0 }),
            HttpStatusCode.BadRequest, "PUT task with a version", "unknown_member");
        await Drill.ExpectAsync(await ws.Admin.Client.PostJsonAsync(url, new { name = "D", workflowId = elsewhere.Id, id = 1, uuid = a.Uuid }),
            HttpStatusCode.BadRequest, "POST task naming another workflow", "unknown_member");

        var task = await ws.Factory.QueryAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == a.Id));
        Assert.That((task.WorkflowId, task.Uuid, task.Name), Is.EqualTo((workflow.Id, a.Uuid, "A2")));
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == elsewhere.Id)), Is.Zero);
        Assert.That(await ws.Factory.QueryAsync(db => db.Tasks.CountAsync(t => t.WorkflowId == workflow.Id)), Is.EqualTo(3));
    }

    [Test]
    public async Task WorkflowCreate_WithForgedOwnerWorkspaceAndState_IsRefused_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var other = await TestWorkspace.CreateAsync(Reliability.Factory);

        await Drill.ExpectAsync(await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows", new
        {
            name = "Mine",
            id = 1,
            uuid = Guid.Empty,
            ownerId = ws.Admin.MemberId,
            workspaceId = other.Workspace.Id,
            workspaceUuid = other.Uuid,
            archived = true,
            tasks = new[] { new { name = "Smuggled" } },
            permissions = new { use = true, edit = true },
            createdAt = "2000-01-01T00:00:00Z",
            version = 42,
        }), HttpStatusCode.BadRequest, "POST workflow with forged owner, workspace and state", "unknown_member");

        Assert.That(await ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.Name == "Mine")), Is.Zero);
    }

    [TestCase("edit")]
    [TestCase("delete")]
    public async Task MemberRoleAccessOrOwnerId_ChangedWithoutAdminAuthority_Returns403_AndChangesNothing(string access)
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Guarded", memberRoleAccess = new[] { new { role = "member", access } } });
        var url = $"{ws.Root}/workflows/{workflow.Id}";
        var before = await WorkflowRows.ReadAsync(ws.Factory, workflow.Id);

        var forged = new object[]
        {
            new { memberRoleAccess = new[] { new { role = "member", access = "admin" } } },
            new { memberRoleAccess = new[] { new { role = "guest", access = "use" }, new { role = "member", access } } },
            new { memberRoleAccess = Array.Empty<object>() },
            new { memberRoleAccess = (object?)null },
            new { ownerId = ws.Member.MemberId },
            new { description = "harmless", ownerId = ws.Member.MemberId },
        };
        foreach (var body in forged)
        {
            await Drill.ExpectAsync(await ws.Member.Client.PutJsonAsync(url, body), HttpStatusCode.Forbidden,
                $"a member with {access} changing {System.Text.Json.JsonSerializer.Serialize(body)}", "access_denied");
        }

        Assert.That(await WorkflowRows.ReadAsync(ws.Factory, workflow.Id), Is.EqualTo(before), "nothing changed, not even the harmless field");
        var after = await ws.GetWorkflowAsync(workflow.Id);
        Assert.That((after.OwnerId, after.MemberRoleAccess.Count), Is.EqualTo((ws.Admin.MemberId, 1)));

        // The GET body sent back as it is changes neither, so it needs no admin authority.
        var roundTrip = await (await ws.Member.Client.GetAsync(url)).Content.ReadAsStringAsync();
        await Drill.ExpectAsync(await ws.Member.Client.SendRawAsync(HttpMethod.Put, url, roundTrip), HttpStatusCode.OK, $"a member with {access} sending the GET body back");
    }

    [Test]
    public async Task MemberRoleAccessAndOwnerId_ChangedWithAdminAuthority_AreApplied()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Delegated", memberRoleAccess = new[] { new { role = "member", access = "admin" } } });
        var url = $"{ws.Root}/workflows/{workflow.Id}";

        await Drill.ExpectAsync(await ws.Member.Client.PutJsonAsync(url, new { memberRoleAccess = new[] { new { role = "member", access = "admin" }, new { role = "guest", access = "use" } } }),
            HttpStatusCode.OK, "a member with admin authority changing memberRoleAccess");
        var handed = await Drill.ExpectAsync(await ws.Member.Client.PutJsonAsync(url, new { ownerId = ws.Member.MemberId }), HttpStatusCode.OK, "a member with admin authority taking ownership");

        var after = await handed.ReadAsync<WorkflowResponse>();
        Assert.That((after.OwnerId, after.MemberRoleAccess.Count), Is.EqualTo((ws.Member.MemberId, 2)));
    }

    [Test]
    public async Task NoBody_CanPointAWorkflowOrTaskAcrossTheWorkspaceBoundary()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var other = await TestWorkspace.CreateAsync(Reliability.Factory);
        var theirs = await Stage.CreateAsync(other, other.Admin);
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync();
        var sibling = await ws.CreateWorkflowWithTasksAsync();
        var url = $"{ws.Root}/workflows/{workflow.Id}";
        var before = await WorkflowRows.ReadAsync(ws.Factory, workflow.Id);

        var attempts = new (string Field, HttpMethod Method, string Url, object Body)[]
        {
            ("ownerId", HttpMethod.Put, url, new { ownerId = other.Admin.MemberId }),
            ("agentId", HttpMethod.Put, url, new { agentId = other.AgentId }),
            ("defaultPhoneNumberId", HttpMethod.Put, url, new { defaultPhoneNumberId = theirs.PhoneNumberId }),
            ("defaultInboxId", HttpMethod.Put, url, new { defaultInboxId = theirs.InboxId }),
            ("startTaskId", HttpMethod.Put, url, new { startTaskId = theirs.Task.Id }),
            ("startTaskId", HttpMethod.Put, url, new { startTaskId = sibling.A.Id }),
            ("nextTaskIds", HttpMethod.Put, $"{url}/tasks/{a.Id}", new { nextTaskIds = new[] { theirs.Task.Id } }),
            ("nextTaskIds", HttpMethod.Put, $"{url}/tasks/{a.Id}", new { nextTaskIds = new[] { sibling.A.Id } }),
            ("nextTaskIds", HttpMethod.Post, $"{url}/tasks", new { name = "Bridge", nextTaskIds = new[] { theirs.Task.Id } }),
            ("agentId", HttpMethod.Post, $"{ws.Root}/workflows", new { name = "Borrowed agent", agentId = other.AgentId }),
            ("defaultInboxId", HttpMethod.Post, $"{ws.Root}/workflows", new { name = "Borrowed inbox", defaultInboxId = theirs.InboxId }),
            ("workflowId", HttpMethod.Post, $"{ws.Root}/assignments", new { workflowId = theirs.Workflow.Id, title = "Their work" }),
        };
        foreach (var (field, method, target, body) in attempts)
        {
            var response = await ws.Admin.Client.SendAsync(method, target, body);
            var problem = await Drill.ExpectAsync(response, HttpStatusCode.BadRequest, $"{method} {field} of another workspace or workflow", "invalid_reference");
            Assert.That((await problem.Content.ReadAsStringAsync()), Does.Contain(field));
        }

        Assert.That(await WorkflowRows.ReadAsync(ws.Factory, workflow.Id), Is.EqualTo(before));
        await AssertStillInAsync(ws, workflow.Id);
        Assert.That(await Integrity.ViolationsAsync(ws.Factory), Is.Empty);
    }

    [Test]
    public async Task MemberPatch_CannotRebindTheIdentityOrMoveTheMember()
    {
        var ws = await TestWorkspace.CreateAsync(Reliability.Factory);
        var other = await TestWorkspace.CreateAsync(Reliability.Factory);
        var attacker = Guid.NewGuid().ToString();
        var theirMembers = await ws.Factory.QueryAsync(db => db.Members.CountAsync(m => m.Workspace!.Uuid == other.Uuid));

        await Drill.ExpectAsync(await ws.Admin.Client.SendAsync(HttpMethod.Patch, $"{ws.Root}/members/{ws.Member.MemberId}", new
        {
            displayName = "Renamed",
            objectId = attacker,
            kind = "agent",
            workspaceId = other.Workspace.Id,
            id = 1,
        }), HttpStatusCode.BadRequest, "PATCH member with forged identity and workspace", "unknown_member");

        var member = await (await ws.Admin.Client.GetAsync($"{ws.Root}/members/{ws.Member.MemberId}")).ReadAsync<MemberResponse>();
        Assert.That((member.DisplayName, member.ObjectId, member.Kind), Is.Not.EqualTo(("Renamed", attacker, Domain.Members.MemberKind.Agent)));
        Assert.That((member.ObjectId, member.Kind), Is.EqualTo((ws.Member.ObjectId, Domain.Members.MemberKind.Person)));
        await Drill.ExpectAsync(await ws.Factory.ClientFor(attacker).GetAsync($"{ws.Root}/workflows"), HttpStatusCode.NotFound, "the forged identity is still a stranger", "not_found");
        Assert.That(await ws.Factory.QueryAsync(db => db.Members.CountAsync(m => m.Workspace!.Uuid == other.Uuid)), Is.EqualTo(theirMembers), "no member moved in");
    }

    private static async Task AssertStillInAsync(TestWorkspace ws, long workflowId)
    {
        var workspace = await ws.Factory.QueryAsync(db => db.Workflows.Where(w => w.Id == workflowId).Select(w => w.WorkspaceId).SingleAsync());
        var expected = await ws.Factory.QueryAsync(db => db.Workspaces.Where(w => w.Uuid == ws.Uuid).Select(w => w.Id).SingleAsync());
        Assert.That(workspace, Is.EqualTo(expected), "the workflow is still in its workspace");
    }
}
