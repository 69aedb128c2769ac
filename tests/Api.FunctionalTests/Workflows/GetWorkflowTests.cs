using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows/{workflow_id}</summary>
public sealed class GetWorkflowTests
{
    private static readonly string[] WorkflowFields =
    [
        "id", "uuid", "name", "description", "prompt", "ownerId", "agentId", "startTaskId", "defaultPhoneNumberId",
        "defaultInboxId", "posX", "posY", "abilities", "eventRules", "memberRoleAccess", "archived", "tasks",
        "permissions", "createdAt", "updatedAt",
    ];

    private static readonly string[] TaskFields =
        ["id", "uuid", "workflowId", "name", "description", "prompt", "posX", "posY", "nextTaskIds", "createdAt", "updatedAt"];

    [Test]
    public async Task Get_ById_Returns200WithEveryWorkflowResponseField_AndETag()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.GetAsync(ws.WorkflowUrl(workflow.Id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.ETag, Is.Not.Null, "a workflow carries an ETag");
        Assert.That(response.Headers.ETag!.IsWeak, Is.False);
        using var json = await response.ReadJsonDocumentAsync();
        var root = json.RootElement;
        Assert.That(root.PropertyNames(), Is.EquivalentTo(WorkflowFields));
        Assert.That(root.GetProperty("tasks")[0].PropertyNames(), Is.EquivalentTo(TaskFields));
        Assert.That(root.GetProperty("permissions").PropertyNames(), Is.EquivalentTo(new[] { "use", "edit" }));
        Assert.That(root.GetProperty("createdAt").GetString(), Does.EndWith("Z"), "timestamps are UTC");
        Assert.That(root.GetProperty("updatedAt").GetString(), Does.EndWith("Z"), "timestamps are UTC");

        var body = await response.ReadAsync<WorkflowResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(body.Id, Is.EqualTo(workflow.Id));
            Assert.That(body.Uuid, Is.EqualTo(workflow.Uuid).And.Not.EqualTo(Guid.Empty));
            Assert.That(body.Name, Is.EqualTo(workflow.Name));
            Assert.That(body.Description, Is.Null);
            Assert.That(body.OwnerId, Is.EqualTo(ws.Admin.MemberId));
            Assert.That(body.AgentId, Is.Null);
            Assert.That(body.StartTaskId, Is.EqualTo(a.Id));
            Assert.That(body.Archived, Is.False);
            Assert.That(body.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
            Assert.That(body.UpdatedAt, Is.GreaterThanOrEqualTo(body.CreatedAt));
            Assert.That(body.Tasks.Select(t => t.Id), Is.EquivalentTo(new[] { a.Id, b.Id, c.Id }));
            Assert.That(body.Tasks.Select(t => t.WorkflowId), Has.All.EqualTo(workflow.Id));
            Assert.That(body.Tasks.Single(t => t.Id == a.Id).NextTaskIds, Is.EqualTo(new[] { b.Id }));
            Assert.That(body.Tasks.Single(t => t.Id == b.Id).NextTaskIds, Is.EqualTo(new[] { c.Id }));
            Assert.That(body.Tasks.Single(t => t.Id == c.Id).NextTaskIds, Is.Empty);
        });
    }

    [Test]
    public async Task Get_ByUuid_Returns200WithTheSameWorkflow()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var byId = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Uuid}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(byId.Body));
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(byId.ETag));
    }

    [Test]
    public async Task Get_WithIfNoneMatchOfTheCurrentETag_Returns304WithoutBody()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var current = await ws.SnapshotAsync(workflow.Id);
        var request = new HttpRequestMessage(HttpMethod.Get, ws.WorkflowUrl(workflow.Id));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(current.ETag!));

        var response = await ws.Admin.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(current.ETag));
    }

    [Test]
    public async Task Get_WithIfNoneMatchOfAnOlderETag_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);
        var renamed = await ws.Admin.Client.PutJsonAsync(ws.WorkflowUrl(workflow.Id), new { name = $"Renamed {Guid.NewGuid():N}" });
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var request = new HttpRequestMessage(HttpMethod.Get, ws.WorkflowUrl(workflow.Id));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(before.ETag!));

        var response = await ws.Admin.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag?.Tag, Is.Not.EqualTo(before.ETag));
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Name, Does.StartWith("Renamed "));
    }

    [Test]
    public async Task Get_ETagFollowsTheCallersPermissions_SoAnotherCallersTagIsNotAHit()
    {
        // The body's permissions are the caller's: an admin's tag must not make a member's GET a 304.
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var asAdmin = await ws.SnapshotAsync(workflow.Id);
        var request = new HttpRequestMessage(HttpMethod.Get, ws.WorkflowUrl(workflow.Id));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(asAdmin.ETag!));

        var response = await ws.Member.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag?.Tag, Is.Not.Null.And.Not.EqualTo(asAdmin.ETag));
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Permissions, Is.EqualTo(new PermissionsResponse(Use: true, Edit: false)));
    }

    [Test]
    public async Task Get_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Factory.WithToken(null).GetAsync(ws.WorkflowUrl(workflow.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task Get_WithTokenSignedByAnotherKey_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var otherKey = new SymmetricSecurityKey(new byte[48]) { KeyId = TestTokens.SigningKey.KeyId };
        var forged = TestTokens.Create(ws.Admin.ObjectId, [new Claim("scp", TestTokens.AllScopes)], null,
            credentials: new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256));

        var response = await ws.Factory.WithToken(forged).GetAsync(ws.WorkflowUrl(workflow.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task Get_ByGuestWithoutUseAuthority_Returns403EvenThoughTheWorkflowExists()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Guest.Client.GetAsync(ws.WorkflowUrl(workflow.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
    }

    [Test]
    public async Task Get_WithTokenWithoutAnyWorkflowsScope_Returns403InsufficientScope()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var unscoped = ws.ClientWithScopes(ws.Admin, "User.Read");

        var response = await unscoped.GetAsync(ws.WorkflowUrl(workflow.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [TestCase("workflows:read")]
    [TestCase("workflows:write")]
    [TestCase("workflows:admin")]
    public async Task Get_WithAnyOneWorkflowsScope_Returns200(string scope)
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.ClientWithScopes(ws.Admin, scope).GetAsync(ws.WorkflowUrl(workflow.Id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Id, Is.EqualTo(workflow.Id));
    }

    [Test]
    public async Task Get_ByDaemonWithReadRole_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var daemon = await ws.AddDaemonAsync("member", "workflows:read");

        var response = await daemon.Client.GetAsync(ws.WorkflowUrl(workflow.Id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Permissions, Is.EqualTo(new PermissionsResponse(true, false)));
    }

    [Test]
    public async Task Get_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var byId = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/987654321");
        var byUuid = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{Guid.NewGuid()}");

        await byId.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await byUuid.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_AnotherWorkspacesWorkflowUnderThisWorkspacesRoute_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await ws.AddMemberAsync(new { kind = "person", displayName = "Other admin", objectId = other.Admin.ObjectId, role = "admin" });
        var foreign = await other.CreateWorkflowAsync();

        var byId = await other.Admin.Client.GetAsync($"{ws.Root}/workflows/{foreign.Id}");
        var byUuid = await other.Admin.Client.GetAsync($"{ws.Root}/workflows/{foreign.Uuid}");

        await byId.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await byUuid.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_ByStrangerAndUnderUnknownWorkspace_Returns404WithTheSameProblem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var stranger = await ws.Stranger.Client.GetAsync(ws.WorkflowUrl(workflow.Id));
        var strangerUnknownId = await ws.Stranger.Client.GetAsync($"{ws.Root}/workflows/987654321");
        var unknownWorkspace = await ws.Admin.Client.GetAsync($"api/v2/w/{Guid.NewGuid()}/workflows/{workflow.Id}");

        var problems = new[]
        {
            await stranger.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found"),
            await strangerUnknownId.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found"),
            await unknownWorkspace.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found"),
        };
        Assert.That(problems.Select(p => (p.Status, p.Title, p.Detail, p.Code, p.Type)).Distinct().Count(), Is.EqualTo(1),
            "nothing tells a stranger what exists");
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("12ab")]
    public async Task Get_MalformedWorkflowId_Returns404(string workflowId)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflowId}");

        await response.ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_ByMemberWithoutPolicyEntry_PermissionsAreUseOnly()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var body = await ws.GetWorkflowAsync(workflow.Id, ws.Member);

        Assert.That(body.Permissions, Is.EqualTo(new PermissionsResponse(Use: true, Edit: false)));
    }

    [Test]
    public async Task Get_ByGuestWhosRoleThePolicyGrantsEdit_PermissionsAreUseAndEdit()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("guest", "edit");

        var body = await ws.GetWorkflowAsync(workflow.Id, ws.Guest);

        Assert.That(body.Permissions, Is.EqualTo(new PermissionsResponse(Use: true, Edit: true)));
    }

    [Test]
    public async Task Get_ByGuestWhosRoleThePolicyGrantsUse_PermissionsAreUseOnly()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowWithAccessAsync("guest", "use");

        var body = await ws.GetWorkflowAsync(workflow.Id, ws.Guest);

        Assert.That(body.Permissions, Is.EqualTo(new PermissionsResponse(Use: true, Edit: false)));
    }

    [Test]
    public async Task Get_ByOwnerWhoIsAMember_PermissionsAreUseAndEdit()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(ws.Member);

        var body = await ws.GetWorkflowAsync(workflow.Id, ws.Member);

        Assert.That(body.OwnerId, Is.EqualTo(ws.Member.MemberId));
        Assert.That(body.Permissions, Is.EqualTo(new PermissionsResponse(Use: true, Edit: true)));
    }
}
