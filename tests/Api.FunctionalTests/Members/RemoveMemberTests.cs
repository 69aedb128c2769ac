using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Members;

namespace Workflows.Api.FunctionalTests.Members;

/// <summary>DELETE /api/v2/w/{workspace_uuid}/members/{member_id}</summary>
public sealed class RemoveMemberTests
{
    [Test]
    public async Task Remove_MemberWhoOwnsNothing_Returns200_AndTheyLoseAccess()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        Assert.That(await MemberIdsAsync(ws), Does.Not.Contain(ws.Member.MemberId));
        var afterwards = await ws.Member.Client.GetAsync($"{ws.Root}/workflows");
        await afterwards.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Remove_MemberWhoOwnsWorkflows_WithoutTransferTo_Returns409MemberOwnsWorkflows_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var owned = await ws.CreateWorkflowAsync(ws.Member);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "member_owns_workflows");
        Assert.That(await MemberIdsAsync(ws), Does.Contain(ws.Member.MemberId));
        Assert.That((await ws.GetWorkflowAsync(owned.Id)).OwnerId, Is.EqualTo(ws.Member.MemberId));
    }

    [Test]
    public async Task Remove_MemberWhoOwnsWorkflows_WithTransferTo_Returns200_AndTheHeirOwnsThem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var first = await ws.CreateWorkflowAsync(ws.Member);
        var second = await ws.CreateWorkflowAsync(ws.Member);
        var untouched = await ws.CreateWorkflowAsync(ws.Admin);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo={ws.OtherAdmin.MemberId}");

        await response.ShouldSucceedAsync();
        var owners = await ws.Factory.QueryAsync(db => db.Workflows
            .Where(w => w.Id == first.Id || w.Id == second.Id || w.Id == untouched.Id)
            .OrderBy(w => w.Id)
            .Select(w => w.OwnerId)
            .ToListAsync());
        Assert.That(owners, Is.EqualTo(new[] { ws.OtherAdmin.MemberId, ws.OtherAdmin.MemberId, ws.Admin.MemberId }));
        Assert.That(await MemberIdsAsync(ws), Does.Not.Contain(ws.Member.MemberId));
    }

    [Test]
    public async Task Remove_WithTransferTo_TheHeirGetsOwnerAuthority()
    {
        var ws = await TestWorkspace.CreateAsync();
        var heir = await ws.AddPersonAsync("member");
        var owned = await ws.CreateWorkflowAsync(ws.Member);
        var before = await heir.Client.PutJsonAsync($"{ws.Root}/workflows/{owned.Id}", new { description = "Before" });
        await before.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo={heir.MemberId}");

        await response.ShouldSucceedAsync();
        var after = await heir.Client.PutJsonAsync($"{ws.Root}/workflows/{owned.Id}", new { description = "After" });
        await after.ShouldSucceedAsync();
    }

    [Test]
    public async Task Remove_WithTransferTo_TheReOwnedWorkflowsGetANewETagAndUpdatedAt()
    {
        // Re-owning is a change like any other: clients holding the old ETag must not overwrite it.
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(ws.Member);
        var before = await ws.GetWorkflowAsync(workflow.Id);
        var beforeETag = (await ws.SnapshotAsync(workflow.Id)).ETag;

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo={ws.OtherAdmin.MemberId}");

        await response.ShouldSucceedAsync();
        var after = await ws.GetWorkflowAsync(workflow.Id);
        Assert.That(after.UpdatedAt, Is.GreaterThan(before.UpdatedAt));
        Assert.That((await ws.SnapshotAsync(workflow.Id)).ETag, Is.Not.EqualTo(beforeETag));
    }

    [Test]
    public async Task Remove_AnAgent_TheWorkflowsItRanGetANewUpdatedAt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var run = await ws.CreateWorkflowAsync(body: new { name = "Agent-run", agentId = ws.AgentId });

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.AgentId}");

        await response.ShouldSucceedAsync();
        Assert.That((await ws.GetWorkflowAsync(run.Id)).UpdatedAt, Is.GreaterThan(run.UpdatedAt));
    }

    [Test]
    public async Task Remove_TransferToTheMemberThemselves_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(ws.Member);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo={ws.Member.MemberId}");

        await response.ShouldBeValidationProblemAsync("transferTo");
        Assert.That(await MemberIdsAsync(ws), Does.Contain(ws.Member.MemberId));
    }

    [Test]
    public async Task Remove_TransferToAnAgent_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(ws.Member);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo={ws.AgentId}");

        await response.ShouldBeValidationProblemAsync("transferTo");
    }

    [Test]
    public async Task Remove_TransferToAMemberOfAnotherWorkspace_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(ws.Member);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo={other.Member.MemberId}");

        await response.ShouldBeValidationProblemAsync("transferTo");
        Assert.That(await MemberIdsAsync(ws), Does.Contain(ws.Member.MemberId));
    }

    [Test]
    public async Task Remove_TransferToUnknownMember_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo=987654321");

        await response.ShouldBeValidationProblemAsync("transferTo");
    }

    [Test]
    public async Task Remove_TransferToNotAPositiveId_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}?transferTo=-3");

        await response.ShouldBeValidationProblemAsync("transferTo");
    }

    [Test]
    public async Task Remove_OneOfTwoAdmins_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.OtherAdmin.MemberId}");

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Remove_TheLastAdmin_Returns409LastAdmin_AndKeepsThem()
    {
        var ws = await TestWorkspace.CreateAsync();
        await RemoveTheOtherAdminAsync(ws);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Admin.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        Assert.That(await MemberIdsAsync(ws), Does.Contain(ws.Admin.MemberId));
    }

    [Test]
    public async Task Remove_TheLastAdminWhoCanSignIn_WhenOnlyAnAgentIsAlsoAdmin_Returns409LastAdmin()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.AddMemberAsync(new { kind = "agent", displayName = "Admin agent", role = "admin" });
        await RemoveTheOtherAdminAsync(ws);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Admin.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        Assert.That(await MemberIdsAsync(ws), Does.Contain(ws.Admin.MemberId));
    }

    [Test]
    public async Task Remove_TheLastAdminEvenWithTransferTo_Returns409LastAdmin()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(ws.Admin);
        await RemoveTheOtherAdminAsync(ws);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Admin.MemberId}?transferTo={ws.Member.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
    }

    [Test]
    public async Task Remove_AnAgent_ClearsTheAgentOfTheWorkflowsItRan()
    {
        var ws = await TestWorkspace.CreateAsync();
        var run = await ws.CreateWorkflowAsync(body: new { name = "Agent-run", agentId = ws.AgentId });

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.AgentId}");

        await response.ShouldSucceedAsync();
        Assert.That(run.AgentId, Is.EqualTo(ws.AgentId));
        Assert.That((await ws.GetWorkflowAsync(run.Id)).AgentId, Is.Null);
    }

    [Test]
    public async Task Remove_MemberWhoStartedAssignments_KeepsTheAssignments()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var started = await ws.StartAssignmentAsync(workflow.Id, "Started by the member", ws.Member);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.Member.MemberId}");

        await response.ShouldSucceedAsync();
        Assert.That((await ws.GetAssignmentAsync(started.Id)).CreatedById, Is.EqualTo(ws.Member.MemberId));
    }

    [Test]
    public async Task Remove_ByMember_Returns403_AndKeepsThem()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Member.Client.DeleteAsync($"{ws.Root}/members/{ws.Guest.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await MemberIdsAsync(ws), Does.Contain(ws.Guest.MemberId));
    }

    [Test]
    public async Task Remove_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").DeleteAsync($"{ws.Root}/members/{ws.Guest.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Remove_UnknownMember_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Remove_MemberOfAnotherWorkspace_Returns404_AndKeepsThem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{other.Guest.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await MemberIdsAsync(other), Does.Contain(other.Guest.MemberId));
    }

    [Test]
    public async Task Remove_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.DeleteAsync($"{ws.Root}/members/{ws.Guest.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Remove_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).DeleteAsync($"{ws.Root}/members/{ws.Guest.MemberId}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>Removes the workspace's second admin, leaving <see cref="TestWorkspace.Admin"/> the only person who is admin.</summary>
    private static async Task RemoveTheOtherAdminAsync(TestWorkspace ws)
    {
        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/members/{ws.OtherAdmin.MemberId}");
        await response.ShouldSucceedAsync();
    }

    private static async Task<List<long>> MemberIdsAsync(TestWorkspace ws)
    {
        var page = await ws.Admin.Client.GetJsonAsync<Page<MemberResponse>>($"{ws.Root}/members?limit=200");
        return page!.Items.Select(m => m.Id).ToList();
    }
}
