using System.Net;
using Workflows.Application.Workspaces;
using Workflows.Domain.Members;

namespace Workflows.Api.FunctionalTests.Workspaces;

/// <summary>GET /api/v2/workspaces</summary>
public sealed class ListWorkspacesTests
{
    [Test]
    public async Task List_ReturnsOnlyTheCallersWorkspaces_WithTheCallersRole()
    {
        var me = Guid.NewGuid().ToString();
        var client = Testing.Factory.ClientFor(me);
        var first = await CreateAsync(client, "Mine 1");
        var second = await CreateAsync(client, "Mine 2");
        var other = await TestWorkspace.CreateAsync();
        var joined = await TestWorkspace.CreateAsync();
        await joined.AddMemberAsync(new { kind = "person", displayName = "Me", objectId = me, role = "guest" });

        var response = await client.GetAsync("api/v2/workspaces");

        await response.ShouldSucceedAsync();
        var page = await response.ReadAsync<Page<WorkspaceResponse>>();
        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(w => w.Uuid), Is.EqualTo(new[] { first.Uuid, second.Uuid, joined.Uuid }));
            Assert.That(page.Items.Select(w => w.Role), Is.EqualTo(new[] { MemberRole.Admin, MemberRole.Admin, MemberRole.Guest }));
            Assert.That(page.Items.Select(w => w.Uuid), Does.Not.Contain(other.Uuid));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task List_WithoutWorkspaces_ReturnsAnEmptyPage()
    {
        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("api/v2/workspaces");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"items":[],"nextCursor":null}"""));
    }

    [Test]
    public async Task List_PagesWithLimitAndCursor()
    {
        var client = Testing.Factory.ClientFor(Guid.NewGuid().ToString());
        var created = new[] { await CreateAsync(client, "P1"), await CreateAsync(client, "P2"), await CreateAsync(client, "P3") };

        var firstResponse = await client.GetAsync("api/v2/workspaces?limit=2");
        var first = await firstResponse.ReadAsync<Page<WorkspaceResponse>>();
        Assert.That(first.NextCursor, Is.Not.Null.And.Not.Empty);
        var second = await (await client.GetAsync($"api/v2/workspaces?limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}"))
            .ReadAsync<Page<WorkspaceResponse>>();

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(w => w.Uuid), Is.EqualTo(created.Take(2).Select(w => w.Uuid)));
            Assert.That(second.Items.Select(w => w.Uuid), Is.EqualTo(new[] { created[2].Uuid }));
            Assert.That(second.NextCursor, Is.Null);
        });
    }

    [TestCase(0)]
    [TestCase(201)]
    public async Task List_WithLimitOutOfRange_Returns400(int limit)
    {
        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync($"api/v2/workspaces?limit={limit}");

        await response.ShouldBeValidationProblemAsync("limit");
    }

    [Test]
    public async Task List_WithAnotherCallersCursor_Returns400()
    {
        var owner = Testing.Factory.ClientFor(Guid.NewGuid().ToString());
        await CreateAsync(owner, "C1");
        await CreateAsync(owner, "C2");
        var cursor = (await (await owner.GetAsync("api/v2/workspaces?limit=1")).ReadAsync<Page<WorkspaceResponse>>()).NextCursor;
        Assert.That(cursor, Is.Not.Null);

        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString())
            .GetAsync($"api/v2/workspaces?cursor={Uri.EscapeDataString(cursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_WithForgedCursor_Returns400()
    {
        var response = await Testing.Factory.ClientFor(Guid.NewGuid().ToString()).GetAsync("api/v2/workspaces?cursor=eyJRdWVyeSI6IngiLCJQb3NpdGlvbiI6MH0.AAAA");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var response = await Testing.Factory.WithToken(null).GetAsync("api/v2/workspaces");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<WorkspaceResponse> CreateAsync(HttpClient client, string name)
    {
        var response = await client.PostJsonAsync("api/v2/workspaces", new { name });
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WorkspaceResponse>();
    }
}
