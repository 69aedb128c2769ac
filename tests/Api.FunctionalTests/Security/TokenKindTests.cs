using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Api.FunctionalTests.Security;

/// <summary>
/// Which claims say what: a delegated token's permissions are its <c>scp</c> and nothing else, an
/// application token's (no <c>scp</c>) its <c>roles</c> and nothing else; the caller is <c>oid</c>
/// and nothing else.
/// </summary>
public sealed class TokenKindTests
{
    [Test]
    public async Task PersonWithReadScope_AndAnAdminRole_DeletingAWorkflow_Returns403_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, [new Claim("scp", "workflows:read"), new Claim("roles", "workflows:admin")], null);

        var response = await ws.Factory.WithToken(token).DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.Id == workflow.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task PersonWithReadScope_AndAWriteRole_CreatingAWorkflow_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, [new Claim("roles", "workflows:write"), new Claim("scp", "workflows:read")], null);

        var response = await ws.Factory.WithToken(token).PostJsonAsync($"{ws.Root}/workflows", new { name = "Not by a role" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task ApplicationToken_TakesItsRoles()
    {
        var ws = await TestWorkspace.CreateAsync();
        var daemon = await ws.AddDaemonAsync("admin", "workflows:admin");
        var workflow = await ws.CreateWorkflowAsync();

        var response = await daemon.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task TokenWithoutOid_NamingAMemberInSub_Returns401_SayingWhy()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, [new Claim("scp", TestTokens.AllScopes)], null, withObjectId: false);

        var response = await ws.Factory.WithToken(token).GetAsync($"{ws.Root}/workflows");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(problem.Detail, Does.Contain("'oid'"));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [Test]
    public async Task TokenWithoutOid_CannotCreateAWorkspace()
    {
        var token = TestTokens.Create(Guid.NewGuid().ToString(), [new Claim("scp", TestTokens.AllScopes)], null, withObjectId: false);

        var response = await Testing.Factory.WithToken(token).PostJsonAsync("api/v2/workspaces", new { name = "Nobody's" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
