using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Members;
using Workflows.Application.Workspaces;
using Workflows.Domain.Members;

namespace Workflows.Api.FunctionalTests.Workspaces;

/// <summary>POST /api/v2/workspaces</summary>
public sealed class CreateWorkspaceTests
{
    [Test]
    public async Task Create_Returns201WithWorkspace_AndCallerAsAdmin()
    {
        var oid = Guid.NewGuid().ToString();
        var client = Testing.Factory.ClientFor(oid);

        var response = await client.PostJsonAsync("api/v2/workspaces", new { name = "  Sales team  " });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var json = await BodyShape.ReadAsync(response);
        var workspace = await response.ReadAsync<WorkspaceResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(BodyShape.PropertiesOf(json), Is.EquivalentTo(new[] { "id", "uuid", "name", "role", "createdAt" }));
            Assert.That(workspace.Id, Is.Positive);
            Assert.That(workspace.Uuid, Is.Not.EqualTo(Guid.Empty));
            Assert.That(workspace.Name, Is.EqualTo("Sales team"));
            Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(json.GetProperty("createdAt").GetString(), Does.EndWith("Z"), "timestamps are UTC");
            Assert.That(response.Headers.Location?.OriginalString, Does.Contain(workspace.Uuid.ToString()));
        });
    }

    [Test]
    public async Task Create_ListsTheCreatorAsTheOnlyAdminMember()
    {
        var oid = Guid.NewGuid().ToString();
        var client = Testing.Factory.WithToken(TestTokens.ForPerson(oid, name: "Ada Lovelace"));

        var created = await client.PostJsonAsync("api/v2/workspaces", new { name = "Research" });

        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        var workspace = await created.ReadAsync<WorkspaceResponse>();
        var members = await (await client.GetAsync($"api/v2/w/{workspace.Uuid}/members")).ReadAsync<Page<MemberResponse>>();
        var founder = members.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(founder.ObjectId, Is.EqualTo(oid));
            Assert.That(founder.Role, Is.EqualTo(MemberRole.Admin));
            Assert.That(founder.Kind, Is.EqualTo(MemberKind.Person));
            Assert.That(founder.DisplayName, Is.EqualTo("Ada Lovelace"));
        });
    }

    [Test]
    public async Task Create_ByDaemonApp_Returns201_AndTheDaemonIsAnAdminMember()
    {
        var oid = Guid.NewGuid().ToString();
        var daemon = Testing.Factory.WithToken(TestTokens.ForDaemon(oid, "workflows:write"));

        var response = await daemon.PostJsonAsync("api/v2/workspaces", new { name = "Nightly imports" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var workspace = await response.ReadAsync<WorkspaceResponse>();
        Assert.That(workspace.Role, Is.EqualTo(MemberRole.Admin));
        var members = await (await daemon.GetAsync($"api/v2/w/{workspace.Uuid}/members")).ReadAsync<Page<MemberResponse>>();
        var founder = members.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(founder.ObjectId, Is.EqualTo(oid));
            Assert.That(founder.Kind, Is.EqualTo(MemberKind.Daemon));
            Assert.That(founder.Role, Is.EqualTo(MemberRole.Admin));
        });
    }

    [Test]
    public async Task Create_WithNameOf200Characters_Returns201()
    {
        var client = Testing.Factory.ClientFor(Guid.NewGuid().ToString());

        var response = await client.PostJsonAsync("api/v2/workspaces", new { name = new string('w', 200) });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await response.ReadAsync<WorkspaceResponse>()).Name, Has.Length.EqualTo(200));
    }

    [Test]
    public async Task Create_WithoutName_Returns400_AndCreatesNothing()
    {
        var oid = Guid.NewGuid().ToString();

        var response = await Testing.Factory.ClientFor(oid).PostJsonAsync("api/v2/workspaces", new { });

        await response.ShouldBeValidationProblemAsync("name");
        Assert.That(await WorkspacesOfAsync(oid), Is.Zero);
    }

    [Test]
    public async Task Create_WithBlankName_Returns400_AndCreatesNothing()
    {
        var oid = Guid.NewGuid().ToString();

        var response = await Testing.Factory.ClientFor(oid).PostJsonAsync("api/v2/workspaces", new { name = "   " });

        await response.ShouldBeValidationProblemAsync("name");
        Assert.That(await WorkspacesOfAsync(oid), Is.Zero);
    }

    [Test]
    public async Task Create_WithNameOver200Characters_Returns400_AndCreatesNothing()
    {
        var oid = Guid.NewGuid().ToString();

        var response = await Testing.Factory.ClientFor(oid).PostJsonAsync("api/v2/workspaces", new { name = new string('w', 201) });

        await response.ShouldBeValidationProblemAsync("name");
        Assert.That(await WorkspacesOfAsync(oid), Is.Zero);
    }

    [Test]
    public async Task Create_WithReadOnlyScope_Returns403_AndCreatesNothing()
    {
        var oid = Guid.NewGuid().ToString();

        var response = await Testing.Factory.ClientFor(oid, "workflows:read").PostJsonAsync("api/v2/workspaces", new { name = "Read only" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await WorkspacesOfAsync(oid), Is.Zero);
    }

    [Test]
    public async Task Create_WithoutToken_Returns401()
    {
        var response = await Testing.Factory.WithToken(null).PostJsonAsync("api/v2/workspaces", new { name = "Anonymous" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static Task<int> WorkspacesOfAsync(string objectId) =>
        Testing.Factory.QueryAsync(db => db.Members.CountAsync(m => m.ObjectId == objectId));
}
