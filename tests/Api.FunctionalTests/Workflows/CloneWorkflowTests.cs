using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>POST /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/clone</summary>
public sealed class CloneWorkflowTests
{
    [Test]
    public async Task Clone_Returns201WithLocationAndETagOfTheCopy()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Copy" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await response.ReadAsync<WorkflowResponse>();
        Assert.That(copy.Id, Is.Not.EqualTo(source.Id));
        Assert.That(copy.Uuid, Is.Not.EqualTo(source.Uuid));
        Assert.That(copy.Name, Is.EqualTo("Copy"));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{ws.WorkflowUrl(copy.Id)}"));
        var located = await ws.Admin.Client.GetAsync(response.Headers.Location);
        Assert.That(located.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag?.Tag, Is.Not.Null.And.EqualTo(located.Headers.ETag?.Tag));
    }

    [Test]
    public async Task Clone_CopiesEveryTask_RemapsTransitionsToTheCopies_AndPointsStartTaskIdAtTheCopyOfTheStart()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (source, a, b, c) = await ws.CreateWorkflowWithTasksAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Copy with tasks" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var created = await response.ReadAsync<WorkflowResponse>();
        var copy = await ws.GetWorkflowAsync(created.Id);
        Assert.That(copy.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { "A", "B", "C" }));
        var copyA = copy.Tasks.Single(t => t.Name == "A");
        var copyB = copy.Tasks.Single(t => t.Name == "B");
        var copyC = copy.Tasks.Single(t => t.Name == "C");
        Assert.Multiple(() =>
        {
            Assert.That(copy.Tasks.Select(t => t.Id), Has.None.AnyOf(a.Id, b.Id, c.Id), "the copy has tasks of its own");
            Assert.That(copy.Tasks.Select(t => t.WorkflowId), Has.All.EqualTo(copy.Id));
            Assert.That(copyA.NextTaskIds, Is.EqualTo(new[] { copyB.Id }));
            Assert.That(copyB.NextTaskIds, Is.EqualTo(new[] { copyC.Id }));
            Assert.That(copyC.NextTaskIds, Is.Empty);
            Assert.That(copy.StartTaskId, Is.EqualTo(copyA.Id));
            Assert.That(created.StartTaskId, Is.EqualTo(copyA.Id), "the 201 body says so too");
            Assert.That(created.Tasks.Select(t => t.Id), Is.EquivalentTo(copy.Tasks.Select(t => t.Id)));
        });
        var original = await ws.GetWorkflowAsync(source.Id);
        Assert.That(original.Tasks.Select(t => t.Id), Is.EquivalentTo(new[] { a.Id, b.Id, c.Id }), "the source keeps its tasks");
        Assert.That(original.StartTaskId, Is.EqualTo(a.Id));
    }

    [Test]
    public async Task Clone_CopiesSettingsAbilitiesEventRulesAndMemberRoleAccess()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (source, _, _) = await ws.CreateDetailedWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Detailed copy" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await ws.GetWorkflowAsync((await response.ReadAsync<WorkflowResponse>()).Id);
        Assert.Multiple(() =>
        {
            Assert.That(copy.Description, Is.EqualTo(source.Description));
            Assert.That(copy.Prompt, Is.EqualTo(source.Prompt));
            Assert.That(copy.AgentId, Is.EqualTo(source.AgentId));
            Assert.That(copy.DefaultPhoneNumberId, Is.EqualTo(source.DefaultPhoneNumberId));
            Assert.That(copy.DefaultInboxId, Is.EqualTo(source.DefaultInboxId));
            Assert.That((copy.PosX, copy.PosY), Is.EqualTo((source.PosX, source.PosY)));
            Assert.That(JsonSerializer.Serialize(copy.Abilities, TestSupport.Json.Options), Is.EqualTo(JsonSerializer.Serialize(source.Abilities, TestSupport.Json.Options)));
            Assert.That(JsonSerializer.Serialize(copy.EventRules, TestSupport.Json.Options), Is.EqualTo(JsonSerializer.Serialize(source.EventRules, TestSupport.Json.Options)));
            Assert.That(copy.MemberRoleAccess, Is.EquivalentTo(source.MemberRoleAccess));
            Assert.That(copy.Abilities, Has.Count.EqualTo(2));
            Assert.That(copy.EventRules, Has.Count.EqualTo(1));
            Assert.That(copy.MemberRoleAccess, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Clone_ByMember_TheCallerOwnsTheCopy()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();

        var response = await ws.Member.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Member's copy" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await response.ReadAsync<WorkflowResponse>();
        Assert.That(copy.OwnerId, Is.EqualTo(ws.Member.MemberId));
        Assert.That(copy.Permissions, Is.EqualTo(new PermissionsResponse(true, true)), "as owner");
        Assert.That((await ws.GetWorkflowAsync(copy.Id)).OwnerId, Is.EqualTo(ws.Member.MemberId));
        Assert.That((await ws.GetWorkflowAsync(source.Id)).OwnerId, Is.EqualTo(ws.Admin.MemberId), "the source keeps its owner");
    }

    [Test]
    public async Task Clone_ArchivedSource_TheCopyIsNotArchived()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();
        await ws.ArchiveAsync(source.Id);

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Revived" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await response.ReadAsync<WorkflowResponse>();
        Assert.That(copy.Archived, Is.False);
        Assert.That((await ws.GetWorkflowAsync(copy.Id)).Archived, Is.False);
        Assert.That((await ws.ListWorkflowsAsync()).Items.Select(w => w.Id), Is.EqualTo(new[] { copy.Id }));
        Assert.That((await ws.GetWorkflowAsync(source.Id)).Archived, Is.True, "the source stays archived");
    }

    [Test]
    public async Task Clone_ToAnExistingName_Returns409_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync(name: "Escalations");
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Escalations" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Clone_ToAnExistingNameInAnotherCase_Returns409_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (source, _, _, _) = await ws.CreateWorkflowWithTasksAsync(name: "Refund Requests");
        var (count, tasks) = await ws.Factory.QueryAsync(async db => (
            await db.Workflows.CountAsync(w => w.WorkspaceId == ws.Workspace.Id),
            await db.Tasks.CountAsync(t => t.Workflow.WorkspaceId == ws.Workspace.Id)));

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "refund REQUESTS" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        var after = await ws.Factory.QueryAsync(async db => (
            await db.Workflows.CountAsync(w => w.WorkspaceId == ws.Workspace.Id),
            await db.Tasks.CountAsync(t => t.Workflow.WorkspaceId == ws.Workspace.Id)));
        Assert.That(after, Is.EqualTo((count, tasks)), "neither a workflow nor a task was written");
    }

    [Test]
    public async Task Clone_ToAnArchivedWorkflowsName_Returns409_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var archived = await ws.CreateWorkflowAsync(name: "Old Intake");
        await ws.ArchiveAsync(archived.Id);
        var source = await ws.CreateWorkflowAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "old intake" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [TestCase("{}")]
    [TestCase("""{ "name": null }""")]
    [TestCase("""{ "name": "  " }""")]
    public async Task Clone_WithoutName_Returns400NamingName_AndCreatesNothing(string body)
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.WorkflowUrl(source.Id)}/clone", body);

        await response.ShouldBeValidationProblemAsync("name");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Clone_ByGuestWithoutUse_Returns403_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Guest.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Guest copy" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Clone_ByGuestWhomThePolicyGrantsUse_Returns403BecauseGuestsCannotCreateWorkflows()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowWithAccessAsync("guest", "use");
        var count = await ws.CountWorkflowsAsync();
        Assert.That((await ws.GetWorkflowAsync(source.Id, ws.Guest)).Permissions.Use, Is.True, "the guest can use the source");

        var response = await ws.Guest.Client.PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Guest copy" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Clone_WithReadOnlyToken_Returns403InsufficientScope_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Copy" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Clone_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/987654321/clone", new { name = "Copy" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task Clone_AnotherWorkspacesWorkflow_Returns404_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();
        var (count, sourceCount) = (await ws.CountWorkflowsAsync(), await other.CountWorkflowsAsync());

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.WorkflowUrl(foreign.Id)}/clone", new { name = "Stolen copy" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
        Assert.That(await other.CountWorkflowsAsync(), Is.EqualTo(sourceCount), "no copy in the source's workspace either");
    }

    [Test]
    public async Task Clone_WithoutToken_Returns401_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var source = await ws.CreateWorkflowAsync();
        var count = await ws.CountWorkflowsAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.WorkflowUrl(source.Id)}/clone", new { name = "Copy" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await ws.CountWorkflowsAsync(), Is.EqualTo(count));
    }
}
