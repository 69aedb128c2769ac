using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows?can=use|edit|delete|admin: only what the caller may do that much to.</summary>
public sealed class ListWorkflowsByAuthorityTests
{
    /// <summary>
    /// A workspace whose workflows cover every way of getting (or not getting) authority: the
    /// admin's with each level granted to the role member, with guests granted, and the member's own.
    /// </summary>
    private sealed record Fixture(
        TestWorkspace Ws,
        WorkflowResponse MemberUse,
        WorkflowResponse MemberEdit,
        WorkflowResponse MemberEdit2,
        WorkflowResponse MemberDelete,
        WorkflowResponse MemberAdmin,
        WorkflowResponse NoPolicy,
        WorkflowResponse GuestEdit,
        WorkflowResponse GuestUse,
        WorkflowResponse OwnedByMember,
        WorkflowResponse OwnedByMember2);

    private static async Task<Fixture> ArrangeAsync()
    {
        var ws = await TestWorkspace.CreateAsync();
        var memberUse = await ws.CreateWorkflowAsync(name: "member-use");
        await ws.GrantAsync(memberUse.Id, ("member", "use"));
        var memberEdit = await ws.CreateWorkflowAsync(name: "member-edit");
        await ws.GrantAsync(memberEdit.Id, ("member", "edit"));
        var memberEdit2 = await ws.CreateWorkflowAsync(name: "member-edit-guest-use");
        await ws.GrantAsync(memberEdit2.Id, ("member", "edit"), ("guest", "use"));
        var memberDelete = await ws.CreateWorkflowAsync(name: "member-delete");
        await ws.GrantAsync(memberDelete.Id, ("member", "delete"));
        var memberAdmin = await ws.CreateWorkflowAsync(name: "member-admin");
        await ws.GrantAsync(memberAdmin.Id, ("member", "admin"));
        var noPolicy = await ws.CreateWorkflowAsync(name: "no-policy");
        var guestEdit = await ws.CreateWorkflowAsync(name: "guest-edit");
        await ws.GrantAsync(guestEdit.Id, ("guest", "edit"));
        var guestUse = await ws.CreateWorkflowAsync(name: "guest-use-member-use");
        await ws.GrantAsync(guestUse.Id, ("guest", "use"), ("member", "use"));
        var owned = await ws.CreateWorkflowAsync(ws.Member, name: "owned-by-member");
        var owned2 = await ws.CreateWorkflowAsync(ws.Member, name: "owned-by-member-despite-policy");
        await ws.GrantAsync(owned2.Id, ("member", "use"));
        return new Fixture(ws, memberUse, memberEdit, memberEdit2, memberDelete, memberAdmin, noPolicy, guestEdit, guestUse, owned, owned2);
    }

    private static IEnumerable<WorkflowResponse> All(Fixture f) =>
    [
        f.MemberUse, f.MemberEdit, f.MemberEdit2, f.MemberDelete, f.MemberAdmin, f.NoPolicy, f.GuestEdit, f.GuestUse,
        f.OwnedByMember, f.OwnedByMember2,
    ];

    private static async Task<List<long>> IdsAsync(Fixture f, Caller caller, string can) =>
        (await f.Ws.ListAllWorkflowsAsync(caller, $"can={can}", limit: 3)).Select(w => w.Id).ToList();

    private static long[] Ids(params WorkflowResponse[] workflows) => workflows.Select(w => w.Id).ToArray();

    [Test]
    public async Task CanEdit_ByMember_ReturnsExactlyTheGrantedAndOwnedWorkflows()
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.Member, "edit");

        Assert.That(listed, Is.EqualTo(Ids(f.MemberEdit, f.MemberEdit2, f.MemberDelete, f.MemberAdmin, f.OwnedByMember, f.OwnedByMember2)));
    }

    [Test]
    public async Task CanEdit_ByMember_AgreesWithThePermissionsOfEveryWorkflow()
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.Member, "edit");

        foreach (var workflow in All(f))
        {
            var permissions = (await f.Ws.GetWorkflowAsync(workflow.Id, f.Ws.Member)).Permissions;
            Assert.That(listed.Contains(workflow.Id), Is.EqualTo(permissions.Edit), $"{workflow.Name}: listed by can=edit exactly when the member may edit it");
        }
    }

    [Test]
    public async Task CanEdit_ByMember_EveryListedWorkflowCanBeEdited_AndNoOtherCan()
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.Member, "edit");

        foreach (var workflow in All(f))
        {
            var response = await f.Ws.Member.Client.PutJsonAsync($"{f.Ws.Root}/workflows/{workflow.Id}", new { description = "Edited by the member" });
            var expected = listed.Contains(workflow.Id) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.That(response.StatusCode, Is.EqualTo(expected), $"{workflow.Name}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Test]
    public async Task CanUse_ByMember_IsTheDefaultList()
    {
        var f = await ArrangeAsync();

        var explicitUse = await IdsAsync(f, f.Ws.Member, "use");
        var byDefault = (await f.Ws.ListAllWorkflowsAsync(f.Ws.Member)).Select(w => w.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(explicitUse, Is.EqualTo(Ids([.. All(f)])), "a member may use every workflow: no policy takes 'use' from the role member");
            Assert.That(byDefault, Is.EqualTo(explicitUse));
        });
    }

    [Test]
    public async Task CanDelete_ByMember_ReturnsDeleteAndAdminGrantsAndOwnedWorkflows()
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.Member, "delete");

        Assert.That(listed, Is.EqualTo(Ids(f.MemberDelete, f.MemberAdmin, f.OwnedByMember, f.OwnedByMember2)));
    }

    [Test]
    public async Task CanAdmin_ByMember_ReturnsAdminGrantsAndOwnedWorkflows()
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.Member, "admin");

        Assert.That(listed, Is.EqualTo(Ids(f.MemberAdmin, f.OwnedByMember, f.OwnedByMember2)));
    }

    [Test]
    public async Task CanUse_ByGuest_ReturnsOnlyWorkflowsGrantedToGuests()
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.Guest, "use");

        Assert.That(listed, Is.EqualTo(Ids(f.MemberEdit2, f.GuestEdit, f.GuestUse)));
    }

    [Test]
    public async Task CanEdit_ByGuest_ReturnsOnlyWorkflowsGrantingGuestsEdit()
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.Guest, "edit");

        Assert.That(listed, Is.EqualTo(Ids(f.GuestEdit)));
    }

    [TestCase("use")]
    [TestCase("edit")]
    [TestCase("delete")]
    [TestCase("admin")]
    public async Task CanAnyLevel_ByWorkspaceAdmin_ReturnsEveryWorkflow(string can)
    {
        var f = await ArrangeAsync();

        var listed = await IdsAsync(f, f.Ws.OtherAdmin, can);

        Assert.That(listed, Is.EqualTo(Ids([.. All(f)])));
    }

    [Test]
    public async Task CanEdit_ExcludesArchivedUnlessAskedFor()
    {
        var f = await ArrangeAsync();
        await f.Ws.ArchiveWorkflowAsync(f.MemberEdit.Id);
        await f.Ws.ArchiveWorkflowAsync(f.MemberUse.Id);

        var active = await IdsAsync(f, f.Ws.Member, "edit");
        var archived = (await f.Ws.ListAllWorkflowsAsync(f.Ws.Member, "can=edit&archived=true")).Select(w => w.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(active, Is.EqualTo(Ids(f.MemberEdit2, f.MemberDelete, f.MemberAdmin, f.OwnedByMember, f.OwnedByMember2)));
            Assert.That(archived, Is.EqualTo(Ids(f.MemberEdit)));
        });
    }

    [Test]
    public async Task CanEdit_FollowsAChangedPolicy()
    {
        var f = await ArrangeAsync();
        await f.Ws.GrantAsync(f.MemberEdit.Id, ("member", "use"));
        await f.Ws.GrantAsync(f.NoPolicy.Id, ("member", "edit"));

        var listed = await IdsAsync(f, f.Ws.Member, "edit");

        Assert.That(listed, Is.EqualTo(Ids(f.MemberEdit2, f.MemberDelete, f.MemberAdmin, f.NoPolicy, f.OwnedByMember, f.OwnedByMember2)));
    }

    [Test]
    public async Task CanEdit_FollowsTheMembersRole()
    {
        var f = await ArrangeAsync();
        var demote = await f.Ws.Admin.Client.PatchJsonAsync($"{f.Ws.Root}/members/{f.Ws.Member.MemberId}", new { role = "guest" });
        await demote.ShouldSucceedAsync();

        var listed = await IdsAsync(f, f.Ws.Member, "edit");

        Assert.That(listed, Is.EqualTo(Ids(f.GuestEdit, f.OwnedByMember, f.OwnedByMember2)), "as a guest: guest grants, and the workflows they still own");
    }
}
