using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Members;
using Workflows.Domain.Members;

namespace Workflows.Api.FunctionalTests.Members;

/// <summary>PATCH /api/v2/w/{workspace_uuid}/members/{member_id}</summary>
public sealed class UpdateMemberTests
{
    [Test]
    public async Task Update_Role_Returns200WithTheNewRole_AndItIsStored()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "guest" });

        await response.ShouldSucceedAsync();
        var member = await response.ReadAsync<MemberResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(member.Id, Is.EqualTo(ws.Member.MemberId));
            Assert.That(member.Role, Is.EqualTo(MemberRole.Guest));
            Assert.That(member.ObjectId, Is.EqualTo(ws.Member.ObjectId));
        });
        var stored = await ws.Factory.QueryAsync(db => db.Members.Where(m => m.Id == ws.Member.MemberId).Select(m => m.Role).SingleAsync());
        Assert.That(stored, Is.EqualTo(MemberRole.Guest));
    }

    [Test]
    public async Task Update_NullRole_LeavesTheRole_AsTheDocumentSays()
    {
        // The OpenAPI document describes UpdateMemberRequest.role as nullable: null is read as "unchanged".
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = (string?)null, displayName = "Renamed" });

        await response.ShouldSucceedAsync();
        var member = await response.ReadAsync<MemberResponse>();
        Assert.That(member.Role, Is.EqualTo(MemberRole.Member));
        Assert.That(member.DisplayName, Is.EqualTo("Renamed"));
        var stored = await ws.Factory.QueryAsync(db => db.Members.Where(m => m.Id == ws.Member.MemberId).Select(m => m.Role).SingleAsync());
        Assert.That(stored, Is.EqualTo(MemberRole.Member));
    }

    [Test]
    public async Task Update_RoleToGuest_TakesAwayWhatTheMemberRoleAllowed()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "guest" });

        await response.ShouldSucceedAsync();
        var get = await ws.Member.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}");
        await get.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var create = await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Not any more" });
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task Update_RoleToAdmin_GrantsWorkspaceAdministration()
    {
        var ws = await TestWorkspace.CreateAsync();
        var before = await ws.Member.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = WorkspaceResourcesExtensions.UniquePhoneNumber() });
        await before.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "admin" });

        await response.ShouldSucceedAsync();
        var after = await ws.Member.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = WorkspaceResourcesExtensions.UniquePhoneNumber() });
        await after.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task Update_DisplayName_Returns200_AndLeavesTheRole()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { displayName = "Grace Hopper" });

        await response.ShouldSucceedAsync();
        var member = await response.ReadAsync<MemberResponse>();
        Assert.That((member.DisplayName, member.Role), Is.EqualTo(("Grace Hopper", MemberRole.Member)));
    }

    [Test]
    public async Task Update_DemotingOneOfTwoAdmins_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.OtherAdmin.MemberId}", new { role = "member" });

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<MemberResponse>()).Role, Is.EqualTo(MemberRole.Member));
    }

    [Test]
    public async Task Update_DemotingTheLastAdmin_Returns409LastAdmin_AndKeepsTheRole()
    {
        var ws = await TestWorkspace.CreateAsync();
        await DemoteTheOtherAdminAsync(ws);

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Admin.MemberId}", new { role = "guest" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        var stored = await ws.Factory.QueryAsync(db => db.Members.Where(m => m.Id == ws.Admin.MemberId).Select(m => m.Role).SingleAsync());
        Assert.That(stored, Is.EqualTo(MemberRole.Admin));
    }

    [Test]
    public async Task Update_DemotingTheLastAdminWhoCanSignIn_WhenOnlyAnAgentIsAlsoAdmin_Returns409LastAdmin()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.AddMemberAsync(new { kind = "agent", displayName = "Admin agent", role = "admin" });
        await DemoteTheOtherAdminAsync(ws);

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Admin.MemberId}", new { role = "member" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
    }

    [Test]
    public async Task Update_DemotingAnAdminWhileADaemonIsAlsoAdmin_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.AddDaemonAsync("admin", "workflows:admin");
        await DemoteTheOtherAdminAsync(ws);

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Admin.MemberId}", new { role = "member" });

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Update_LastAdminKeepingTheAdminRole_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        await DemoteTheOtherAdminAsync(ws);

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Admin.MemberId}", new { role = "admin", displayName = "Sole admin" });

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<MemberResponse>()).DisplayName, Is.EqualTo("Sole admin"));
    }

    [Test]
    public async Task Update_UnknownRole_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "owner" });

        await response.ShouldBeValidationProblemAsync("role");
    }

    [Test]
    public async Task Update_BlankDisplayName_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { displayName = "  " });

        await response.ShouldBeValidationProblemAsync("displayName");
    }

    [Test]
    public async Task Update_ByMember_Returns403_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Member.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var stored = await ws.Factory.QueryAsync(db => db.Members.Where(m => m.Id == ws.Member.MemberId).Select(m => m.Role).SingleAsync());
        Assert.That(stored, Is.EqualTo(MemberRole.Member));
    }

    [Test]
    public async Task Update_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "guest" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Update_UnknownMember_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/987654321", new { role = "guest" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Update_MemberOfAnotherWorkspace_Returns404_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{other.Admin.MemberId}", new { role = "guest" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var stored = await ws.Factory.QueryAsync(db => db.Members.Where(m => m.Id == other.Admin.MemberId).Select(m => m.Role).SingleAsync());
        Assert.That(stored, Is.EqualTo(MemberRole.Admin));
    }

    [Test]
    public async Task Update_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Update_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).PatchJsonAsync($"{ws.Root}/members/{ws.Member.MemberId}", new { role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>Makes the workspace's second admin a member, leaving <see cref="TestWorkspace.Admin"/> the only person who is admin.</summary>
    private static async Task DemoteTheOtherAdminAsync(TestWorkspace ws)
    {
        var response = await ws.Admin.Client.PatchJsonAsync($"{ws.Root}/members/{ws.OtherAdmin.MemberId}", new { role = "member" });
        await response.ShouldSucceedAsync();
    }
}
