using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Members;
using Workflows.Domain.Members;

namespace Workflows.Api.FunctionalTests.Members;

/// <summary>POST /api/v2/w/{workspace_uuid}/members</summary>
public sealed class AddMemberTests
{
    [Test]
    public async Task Add_Person_Returns201WithMemberAndLocation()
    {
        var ws = await TestWorkspace.CreateAsync();
        var oid = Guid.NewGuid().ToString();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = "Grace Hopper", objectId = oid, role = "member" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var json = await BodyShape.ReadAsync(response);
        var member = await response.ReadAsync<MemberResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(BodyShape.PropertiesOf(json), Is.EquivalentTo(new[] { "id", "kind", "displayName", "objectId", "role", "createdAt" }));
            Assert.That(json.GetProperty("kind").GetString(), Is.EqualTo("person"));
            Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("member"));
            Assert.That(member.Id, Is.Positive);
            Assert.That(member.DisplayName, Is.EqualTo("Grace Hopper"));
            Assert.That(member.ObjectId, Is.EqualTo(oid));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v2/w/{ws.Uuid}/members/{member.Id}"));
        });
        var newcomer = ws.Factory.ClientFor(oid);
        var list = await newcomer.GetAsync($"{ws.Root}/members");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the person added can now use the workspace");
    }

    [Test]
    public async Task Add_Daemon_Returns201WithMemberAndLocation()
    {
        var ws = await TestWorkspace.CreateAsync();
        var oid = Guid.NewGuid().ToString();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "daemon", displayName = "Billing sync", objectId = oid, role = "guest" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var member = await response.ReadAsync<MemberResponse>();
        Assert.Multiple(() =>
        {
            Assert.That((member.Kind, member.ObjectId, member.Role), Is.EqualTo((MemberKind.Daemon, oid, MemberRole.Guest)));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v2/w/{ws.Uuid}/members/{member.Id}"));
        });
    }

    [Test]
    public async Task Add_Agent_Returns201WithoutObjectId()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "agent", displayName = "Receptionist", role = "member" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var json = await BodyShape.ReadAsync(response);
        var member = await response.ReadAsync<MemberResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("objectId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(json.GetProperty("kind").GetString(), Is.EqualTo("agent"));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v2/w/{ws.Uuid}/members/{member.Id}"));
        });
    }

    [Test]
    public async Task Add_WithUnknownKind_Returns400_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "robot", displayName = "R2", objectId = Guid.NewGuid().ToString(), role = "member" });

        await response.ShouldBeValidationProblemAsync("kind");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_WithUnknownRole_Returns400_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = "Owner", objectId = Guid.NewGuid().ToString(), role = "owner" });

        await response.ShouldBeValidationProblemAsync("role");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_WithRoleAsInteger_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/members",
            $$"""{"kind":"person","displayName":"Numeric","objectId":"{{Guid.NewGuid()}}","role":0}""");

        await response.ShouldBeValidationProblemAsync("role");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_PersonWithoutObjectId_Returns400_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = "Nobody", role = "member" });

        await response.ShouldBeValidationProblemAsync("objectId");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_AgentWithObjectId_Returns400_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "agent", displayName = "Agent", objectId = Guid.NewGuid().ToString(), role = "member" });

        await response.ShouldBeValidationProblemAsync("objectId");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_WithDisplayNameOver200Characters_Returns400_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = new string('d', 201), objectId = Guid.NewGuid().ToString(), role = "member" });

        await response.ShouldBeValidationProblemAsync("displayName");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_WithObjectIdAlreadyAMember_Returns409MemberExists()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = "Twin", objectId = ws.Member.ObjectId, role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "member_exists");
        var roles = await ws.Factory.QueryAsync(db => db.Members
            .Where(m => m.WorkspaceId == ws.Workspace.Id && m.ObjectId == ws.Member.ObjectId)
            .Select(m => m.Role).ToListAsync());
        Assert.That(roles, Is.EqualTo(new[] { MemberRole.Member }), "the existing member is untouched and not doubled");
    }

    [Test]
    public async Task Add_ObjectIdOfAMemberOfAnotherWorkspace_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = "Shared", objectId = other.Member.ObjectId, role = "member" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task Add_ByNonAdminMember_Returns403_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = "Friend", objectId = Guid.NewGuid().ToString(), role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_WithReadOnlyScope_Returns403_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/members",
            new { kind = "agent", displayName = "Agent", role = "member" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_ByStranger_Returns404_AndAddsNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/members",
            new { kind = "person", displayName = "Me", objectId = ws.Stranger.ObjectId, role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    [Test]
    public async Task Add_ToUnknownWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"api/v2/w/{Guid.NewGuid()}/members",
            new { kind = "agent", displayName = "Agent", role = "member" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Add_ByStrangerAndToUnknownWorkspace_AnswerTheSameProblem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var body = new { kind = "agent", displayName = "Agent", role = "member" };

        var stranger = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/members", body);
        var unknown = await ws.Admin.Client.PostJsonAsync($"api/v2/w/{Guid.NewGuid()}/members", body);

        Assert.That((stranger.StatusCode, unknown.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
        Assert.That(await WithoutTraceIdAsync(stranger), Is.EqualTo(await WithoutTraceIdAsync(unknown)));
    }

    [Test]
    public async Task Add_WithMalformedWorkspaceUuid_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync("api/v2/w/not-a-uuid/members",
            new { kind = "agent", displayName = "Agent", role = "member" });

        await response.ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Add_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.Root}/members",
            new { kind = "agent", displayName = "Agent", role = "member" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await MemberCountAsync(ws), Is.EqualTo(6));
    }

    private static Task<int> MemberCountAsync(TestWorkspace ws) =>
        ws.Factory.QueryAsync(db => db.Members.CountAsync(m => m.WorkspaceId == ws.Workspace.Id));

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(problem.Remove("traceId"), Is.True, "a problem carries a traceId");
        return problem.ToJsonString();
    }
}
