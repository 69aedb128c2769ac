using System.Net;
using Workflows.Application.Members;
using Workflows.Domain.Members;

namespace Workflows.Api.FunctionalTests.Members;

/// <summary>GET /api/v2/w/{workspace_uuid}/members</summary>
public sealed class ListMembersTests
{
    [Test]
    public async Task List_ReturnsEveryMember_WithItsShape()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/members");

        await response.ShouldSucceedAsync();
        var json = await BodyShape.ReadAsync(response);
        var page = await response.ReadAsync<Page<MemberResponse>>();
        Assert.Multiple(() =>
        {
            Assert.That(BodyShape.PropertiesOf(json), Is.EquivalentTo(new[] { "items", "nextCursor" }));
            foreach (var item in json.GetProperty("items").EnumerateArray())
            {
                Assert.That(BodyShape.PropertiesOf(item),
                    Is.EquivalentTo(new[] { "id", "kind", "displayName", "objectId", "role", "createdAt" }));
            }
            Assert.That(page.Items.Select(m => m.Id), Is.EquivalentTo(new[]
            {
                ws.Admin.MemberId, ws.OtherAdmin.MemberId, ws.Member.MemberId, ws.Guest.MemberId, ws.Daemon.MemberId, ws.AgentId,
            }));
            Assert.That(page.Items.Select(m => m.Id), Is.Ordered.Ascending);
            Assert.That(page.NextCursor, Is.Null);
        });
        var agent = page.Items.Single(m => m.Id == ws.AgentId);
        var guest = page.Items.Single(m => m.Id == ws.Guest.MemberId);
        Assert.Multiple(() =>
        {
            Assert.That((agent.Kind, agent.ObjectId, agent.Role), Is.EqualTo((MemberKind.Agent, (string?)null, MemberRole.Member)));
            Assert.That((guest.Kind, guest.ObjectId, guest.Role), Is.EqualTo((MemberKind.Person, ws.Guest.ObjectId, MemberRole.Guest)));
            Assert.That(page.Items.Single(m => m.Id == ws.Daemon.MemberId).Kind, Is.EqualTo(MemberKind.Daemon));
        });
        var agentJson = json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == ws.AgentId);
        Assert.Multiple(() =>
        {
            Assert.That(agentJson.GetProperty("kind").GetString(), Is.EqualTo("agent"));
            Assert.That(agentJson.GetProperty("role").GetString(), Is.EqualTo("member"));
            Assert.That(agentJson.GetProperty("createdAt").GetString(), Does.EndWith("Z"));
        });
    }

    [Test]
    public async Task List_PagesWithLimitAndCursor()
    {
        var ws = await TestWorkspace.CreateAsync();

        var first = await (await ws.Admin.Client.GetAsync($"{ws.Root}/members?limit=4")).ReadAsync<Page<MemberResponse>>();
        Assert.That(first.NextCursor, Is.Not.Null.And.Not.Empty);
        var second = await (await ws.Admin.Client.GetAsync($"{ws.Root}/members?limit=4&cursor={Uri.EscapeDataString(first.NextCursor!)}"))
            .ReadAsync<Page<MemberResponse>>();

        Assert.Multiple(() =>
        {
            Assert.That(first.Items, Has.Count.EqualTo(4));
            Assert.That(second.Items, Has.Count.EqualTo(2));
            Assert.That(second.NextCursor, Is.Null);
            Assert.That(first.Items.Concat(second.Items).Select(m => m.Id), Is.Unique.And.Ordered.Ascending);
        });
    }

    [Test]
    public async Task List_WithCursorOfAnotherWorkspace_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var cursor = (await (await other.Admin.Client.GetAsync($"{other.Root}/members?limit=1")).ReadAsync<Page<MemberResponse>>()).NextCursor;
        Assert.That(cursor, Is.Not.Null);

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/members?cursor={Uri.EscapeDataString(cursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_ByGuest_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Guest.Client.GetAsync($"{ws.Root}/members");

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<Page<MemberResponse>>()).Items, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/members");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/members");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
