using System.Net;
using Workflows.Application.Workflows;
using Workflows.Application.Workspaces;

namespace Workflows.Api.FunctionalTests.Security;

/// <summary>
/// Development without Azure AD: tokens from <c>dotnet user-jwts create --scope … --claim oid=…</c>,
/// whose scopes arrive as a JSON array of <c>scope</c> claims.
/// </summary>
public sealed class UserJwtsTokenTests
{
    private UserJwtsApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartDevelopmentService() => _factory = new UserJwtsApiFactory();

    [OneTimeTearDown]
    public void StopDevelopmentService() => _factory.Dispose();

    [Test]
    public async Task ScopeClaimAsJsonArray_IsHonoured()
    {
        var client = _factory.WithToken(UserJwtsApiFactory.Token(Guid.NewGuid().ToString(), "workflows:read", "workflows:write"));

        var workspace = await client.PostJsonAsync("api/v2/workspaces", new { name = "Local development" });
        await workspace.ShouldSucceedAsync(HttpStatusCode.Created);
        var root = $"api/v2/w/{(await workspace.ReadAsync<WorkspaceResponse>()).Uuid}";
        var created = await client.PostJsonAsync($"{root}/workflows", new { name = "From a user-jwts token" });
        var list = await client.GetAsync($"{root}/workflows");

        await created.ShouldSucceedAsync(HttpStatusCode.Created);
        await list.ShouldSucceedAsync();
    }

    [Test]
    public async Task ScopeClaimAsJsonArray_GrantsNoMoreThanItLists()
    {
        var client = _factory.WithToken(UserJwtsApiFactory.Token(Guid.NewGuid().ToString(), "workflows:read", "workflows:write"));
        var workspace = await (await client.PostJsonAsync("api/v2/workspaces", new { name = "Local development" })).ReadAsync<WorkspaceResponse>();
        var root = $"api/v2/w/{workspace.Uuid}";
        var workflow = await (await client.PostJsonAsync($"{root}/workflows", new { name = "Kept" })).ReadAsync<WorkflowResponse>();

        var response = await client.DeleteAsync($"{root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That((await client.GetAsync($"{root}/workflows/{workflow.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SingleScopeClaim_IsHonoured()
    {
        var client = _factory.WithToken(UserJwtsApiFactory.Token(Guid.NewGuid().ToString(), "workflows:read"));

        var list = await client.GetAsync("api/v2/workspaces");
        var create = await client.PostJsonAsync("api/v2/workspaces", new { name = "Read only" });

        await list.ShouldSucceedAsync();
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task AzureShapedToken_IsRefusedInDevelopment_Returns401()
    {
        var client = _factory.WithToken(TestTokens.ForPerson(Guid.NewGuid().ToString()));

        var response = await client.GetAsync("api/v2/workspaces");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task TokenWithoutOid_Returns401()
    {
        var client = _factory.WithToken(UserJwtsApiFactory.Token(Guid.NewGuid().ToString(), withObjectId: false, "workflows:read", "workflows:write"));

        var response = await client.GetAsync("api/v2/workspaces");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(problem.Detail, Does.Contain("'oid'"));
    }
}
