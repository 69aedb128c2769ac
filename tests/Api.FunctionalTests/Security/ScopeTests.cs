using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Security;

/// <summary>
/// The scope gate under Azure AD: <c>workflows:read</c> &lt; <c>workflows:write</c> &lt;
/// <c>workflows:admin</c>, from <c>scp</c> (delegated tokens) or <c>roles</c> (application tokens).
/// </summary>
public sealed class ScopeTests
{
    [Test]
    public async Task ReadScope_CanListAndGetWorkflows()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var list = await reader.GetAsync($"{ws.Root}/workflows");
        var get = await reader.GetAsync($"{ws.Root}/workflows/{workflow.Id}");

        Assert.That((list.StatusCode, get.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
    }

    [Test]
    public async Task ReadScope_CreatingAWorkflow_Returns403InsufficientScope_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/workflows", new { name = "Not allowed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task WriteScope_DeletingAWorkflow_Returns403InsufficientScope_AndDeletesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var writer = ws.ClientWithScopes(ws.Admin, "workflows:write");

        var response = await writer.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await WorkflowCountAsync(ws), Is.EqualTo(1));
    }

    [Test]
    public async Task AdminScopeAlone_IncludesReadAndWrite()
    {
        var ws = await TestWorkspace.CreateAsync();
        var admin = ws.ClientWithScopes(ws.Admin, "workflows:admin");

        var created = await admin.PostJsonAsync($"{ws.Root}/workflows", new { name = "By admin scope" });
        var list = await admin.GetAsync($"{ws.Root}/workflows");

        Assert.That((created.StatusCode, list.StatusCode), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.OK)));
    }

    [Test]
    public async Task UnknownScopeOnly_Returns403InsufficientScope()
    {
        var ws = await TestWorkspace.CreateAsync();
        var client = ws.ClientWithScopes(ws.Admin, "User.Read");

        var response = await client.GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task DaemonWithWriteRole_AndMemberRole_CanCreateAWorkflow_AndOwnsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var daemon = await ws.AddDaemonAsync("member", "workflows:write");

        var response = await daemon.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Created by a daemon" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await response.ReadAsync<WorkflowResponse>()).OwnerId, Is.EqualTo(daemon.MemberId));
    }

    [Test]
    public async Task DaemonWithReadRoleOnly_CreatingAWorkflow_Returns403InsufficientScope()
    {
        var ws = await TestWorkspace.CreateAsync();
        var daemon = await ws.AddDaemonAsync("member", "workflows:read");

        var response = await daemon.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Not allowed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task DaemonWithWriteRole_AndGuestRole_CreatingAWorkflow_Returns403AccessDenied()
    {
        var ws = await TestWorkspace.CreateAsync();
        var daemon = await ws.AddDaemonAsync("guest", "workflows:write");

        var response = await daemon.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Not allowed" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await WorkflowCountAsync(ws), Is.Zero);
    }

    [Test]
    public async Task ScopeClaimWithoutScpOrRoles_UnderAzureAd_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, [new Claim("scope", "workflows:read"), new Claim("scope", "workflows:write")], null);

        var response = await ws.Factory.WithToken(token).GetAsync($"{ws.Root}/workflows");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static Task<int> WorkflowCountAsync(TestWorkspace ws) =>
        ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.WorkspaceId == ws.Workspace.Id));
}
