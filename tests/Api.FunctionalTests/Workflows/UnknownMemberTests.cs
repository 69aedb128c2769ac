using System.Net;
using System.Text.Json.Nodes;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>
/// A JSON body names only members of its schema: an unknown one is a 400 <c>unknown_member</c>
/// naming it by its path, while the read-only members of a GET body are accepted and ignored.
/// </summary>
public sealed class UnknownMemberTests
{
    [Test]
    public async Task Update_WithAMisspelledMember_Returns400UnknownMemberNamingIt_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id), """{ "name": "Renamed", "promt": "Be brief." }""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown_member");
        Assert.That(problem.Errors, Is.Not.Null);
        Assert.That(problem.Errors!.Keys, Is.EquivalentTo(new[] { "promt" }));
        Assert.That(problem.Errors["promt"].Single(), Does.Contain("'promt'").And.Contain("UpdateWorkflowRequest"));
        Assert.That(await ws.SnapshotAsync(workflow.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task Create_WithAnUnknownMember_Returns400UnknownMember_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows", """{ "name": "Typo", "descripton": "x" }""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown_member");
        Assert.That(problem.Errors!.Keys, Is.EquivalentTo(new[] { "descripton" }));
        Assert.That(await ws.CountWorkflowsAsync(), Is.Zero);
    }

    [Test]
    public async Task Update_WithAnUnknownMemberInANestedObject_NamesItByItsPath()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id),
            """{ "memberRoleAccess": [{ "role": "member", "access": "use", "level": 2 }] }""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown_member");
        Assert.That(problem.Errors!.Keys, Is.EquivalentTo(new[] { "memberRoleAccess[0].level" }));
    }

    [Test]
    public async Task Update_SettingsStayFreeForm()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id),
            """{ "abilities": [{ "type": "email", "enabled": true, "settings": { "anything": { "goes": [1, 2] } } }] }""");

        await response.ShouldSucceedAsync();
    }

    [Test]
    public async Task Update_WithTheGetBody_AndOtherReadOnlyValues_Returns200_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _) = await ws.CreateDetailedWorkflowAsync();
        var before = await ws.SnapshotAsync(workflow.Id);
        var body = JsonNode.Parse(before.Body)!.AsObject();
        body["id"] = workflow.Id + 1000;
        body["uuid"] = Guid.NewGuid().ToString();
        body["archived"] = true;
        body["tasks"] = new JsonArray();
        body["permissions"] = new JsonObject { ["use"] = false, ["edit"] = false };
        body["createdAt"] = "2001-01-01T00:00:00Z";
        body["updatedAt"] = "2001-01-01T00:00:00Z";

        var same = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id), before.Body);
        await same.ShouldSucceedAsync();
        var changed = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, ws.WorkflowUrl(workflow.Id), body.ToJsonString());
        await changed.ShouldSucceedAsync();

        var after = await ws.SnapshotAsync(workflow.Id);
        Assert.That(WorkflowTestData.Without(after.Body, "updatedAt"), Is.EqualTo(WorkflowTestData.Without(before.Body, "updatedAt")),
            "read-only members sent, however different, change nothing");
    }

    [Test]
    public async Task UpdateTask_WithTheGetBody_AndOtherReadOnlyValues_Returns200_AndChangesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Verify purchase");
        var url = $"{ws.WorkflowUrl(workflow.Id)}/tasks/{task.Id}";
        var got = await ws.Admin.Client.GetStringAsync(url);
        var body = JsonNode.Parse(got)!.AsObject();
        body["id"] = task.Id + 1000;
        body["uuid"] = Guid.NewGuid().ToString();
        body["workflowId"] = workflow.Id + 1000;
        body["createdAt"] = "2001-01-01T00:00:00Z";
        body["updatedAt"] = "2001-01-01T00:00:00Z";

        var same = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, url, got);
        await same.ShouldSucceedAsync();
        var changed = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, url, body.ToJsonString());
        await changed.ShouldSucceedAsync();

        var after = await ws.Admin.Client.GetStringAsync(url);
        Assert.That(WorkflowTestData.Without(after, "updatedAt"), Is.EqualTo(WorkflowTestData.Without(got, "updatedAt")));
    }

    [Test]
    public async Task UpdateTask_WithAnUnknownMember_Returns400UnknownMember()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Verify purchase");

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Put, $"{ws.WorkflowUrl(workflow.Id)}/tasks/{task.Id}", """{ "next": [] }""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown_member");
        Assert.That(problem.Errors!.Keys, Is.EquivalentTo(new[] { "next" }));
        Assert.That(problem.Errors["next"].Single(), Does.Contain("UpdateTaskRequest"));
    }
}
