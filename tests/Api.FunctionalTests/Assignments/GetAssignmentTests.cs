using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Assignments;

namespace Workflows.Api.FunctionalTests.Assignments;

/// <summary>GET /api/v2/w/{workspace_uuid}/assignments/{assignment_id}</summary>
public sealed class GetAssignmentTests
{
    [Test]
    public async Task Get_Returns200WithTheAssignment()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Claims");
        var started = await ws.StartAssignmentAsync(workflow.Id, "Claim 77", ws.Member);

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/assignments/{started.Id}");

        await response.ShouldSucceedAsync();
        Assert.That(await response.ReadAsync<AssignmentResponse>(), Is.EqualTo(started));
    }

    [Test]
    public async Task Get_ByGuestGrantedUse_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        await ws.GrantAsync(workflow.Id, ("guest", "use"));
        var started = await ws.StartAssignmentAsync(workflow.Id);

        var read = await ws.GetAssignmentAsync(started.Id, ws.Guest);

        Assert.That(read.Id, Is.EqualTo(started.Id));
    }

    [Test]
    public async Task Get_WithReadScopeOnly_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var started = await ws.StartAssignmentAsync((await ws.CreateWorkflowAsync()).Id);
        var reader = ws.ClientWithScopes(ws.Member, "workflows:read");

        var response = await reader.GetAsync($"{ws.Root}/assignments/{started.Id}");

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Get_UnknownAssignment_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/assignments/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_AssignmentOfAnotherWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.StartAssignmentAsync((await other.CreateWorkflowAsync()).Id);

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/assignments/{foreign.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_IdThatIsNotANumber_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/assignments/first");

        await response.ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var started = await ws.StartAssignmentAsync((await ws.CreateWorkflowAsync()).Id);

        var response = await ws.ClientWithScopes(ws.Admin, "profile").GetAsync($"{ws.Root}/assignments/{started.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Get_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var started = await ws.StartAssignmentAsync((await ws.CreateWorkflowAsync()).Id);

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/assignments/{started.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var started = await ws.StartAssignmentAsync((await ws.CreateWorkflowAsync()).Id);

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/assignments/{started.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
