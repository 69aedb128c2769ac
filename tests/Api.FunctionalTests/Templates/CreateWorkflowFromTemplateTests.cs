using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Templates;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Templates;

/// <summary>POST /api/v2/w/{workspace_uuid}/workflows/templates/{template_uuid}/create-workflow</summary>
public sealed class CreateWorkflowFromTemplateTests
{
    [Test]
    public async Task Create_FromBuiltInTemplate_Returns201WithTheTemplatesTasksTransitionsAndStartTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var template = await ws.GetTemplateAsync((await ws.ListTemplatesAsync())[0].Uuid);

        var response = await ws.Admin.Client.PostJsonAsync(
            $"{ws.Root}/workflows/templates/{template.Uuid}/create-workflow", new { name = "Support desk" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var workflow = await response.ReadAsync<WorkflowResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(workflow.Name, Is.EqualTo("Support desk"));
            Assert.That(workflow.OwnerId, Is.EqualTo(ws.Admin.MemberId));
            Assert.That(workflow.Archived, Is.False);
            Assert.That(workflow.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{ws.Root}/workflows/{workflow.Id}"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
        });
        ShouldCopy(template, workflow);
        ShouldCopy(template, await ws.GetWorkflowAsync(workflow.Id));
    }

    [Test]
    public async Task Create_FromEachBuiltInTemplate_CopiesTasksAndTransitions()
    {
        var ws = await TestWorkspace.CreateAsync();
        var builtIn = (await ws.ListTemplatesAsync()).Where(t => t.Source == TemplateSource.BuiltIn).ToList();

        foreach (var summary in builtIn)
        {
            var template = await ws.GetTemplateAsync(summary.Uuid);

            var workflow = await ws.CreateFromTemplateAsync(template.Uuid, $"{template.Name} (ours)");

            ShouldCopy(template, await ws.GetWorkflowAsync(workflow.Id));
            var stored = await ws.Factory.QueryAsync(db => db.TaskTransitions.CountAsync(t => t.From.WorkflowId == workflow.Id));
            Assert.That(stored, Is.EqualTo(template.Tasks.Sum(t => t.NextTaskKeys.Count)), $"{template.Name}: every transition is stored");
        }
    }

    [Test]
    public async Task Create_WithoutDescription_TakesTheTemplatesDescription()
    {
        var ws = await TestWorkspace.CreateAsync();
        var template = await ws.GetTemplateAsync((await ws.ListTemplatesAsync())[1].Uuid);

        var workflow = await ws.CreateFromTemplateAsync(template.Uuid);

        Assert.That(workflow.Description, Is.EqualTo(template.Description).And.Not.Null);
    }

    [Test]
    public async Task Create_WithDescription_UsesTheGivenDescription()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[1].Uuid;

        var response = await ws.Admin.Client.PostJsonAsync(
            $"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "Onboarding Q3", description = "Onboarding of the Q3 interns." });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await response.ReadAsync<WorkflowResponse>()).Description, Is.EqualTo("Onboarding of the Q3 interns."));
    }

    [Test]
    public async Task Create_TwiceFromOneTemplate_GivesIndependentWorkflowsWithTheirOwnTasks()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var first = await ws.CreateFromTemplateAsync(uuid, "Support EMEA");
        var second = await ws.CreateFromTemplateAsync(uuid, "Support APAC");

        Assert.Multiple(() =>
        {
            Assert.That(second.Id, Is.Not.EqualTo(first.Id));
            Assert.That(second.Tasks.Select(t => t.Id).Intersect(first.Tasks.Select(t => t.Id)), Is.Empty);
            Assert.That(second.Tasks.Select(t => t.Name), Is.EqualTo(first.Tasks.Select(t => t.Name)));
        });
    }

    [Test]
    public async Task Create_ByMember_Returns201OwnedByTheMember()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "Member's desk" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var workflow = await response.ReadAsync<WorkflowResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(workflow.OwnerId, Is.EqualTo(ws.Member.MemberId));
            Assert.That(workflow.Permissions, Is.EqualTo(new PermissionsResponse(true, true)));
        });
    }

    [Test]
    public async Task Create_NameTaken_Returns409WorkflowNameConflict_AndCreatesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateWorkflowAsync(name: "Support desk");
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "SUPPORT DESK" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        var count = await ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.WorkspaceId == ws.Workspace.Id));
        Assert.That(count, Is.EqualTo(1));
    }

    [Test]
    public async Task Create_NameOfAnArchivedWorkflow_Returns409WorkflowNameConflict()
    {
        var ws = await TestWorkspace.CreateAsync();
        var archived = await ws.CreateWorkflowAsync(name: "Invoices");
        await ws.ArchiveWorkflowAsync(archived.Id);
        var uuid = (await ws.ListTemplatesAsync())[2].Uuid;

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "invoices" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
    }

    [Test]
    public async Task Create_NameTakenInAnotherWorkspace_Returns201()
    {
        var other = await TestWorkspace.CreateAsync();
        await other.CreateWorkflowAsync(name: "Support desk");
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var workflow = await ws.CreateFromTemplateAsync(uuid, "Support desk");

        Assert.That(workflow.Name, Is.EqualTo("Support desk"));
    }

    [Test]
    public async Task Create_UnknownTemplate_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{Guid.NewGuid()}/create-workflow", new { name = "Nothing" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_WithoutName_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { description = "No name" });

        await response.ShouldBeValidationProblemAsync("name");
    }

    [Test]
    public async Task Create_BlankName_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "   " });

        await response.ShouldBeValidationProblemAsync("name");
    }

    [Test]
    public async Task Create_NameLongerThan200_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = new string('n', 201) });

        await response.ShouldBeValidationProblemAsync("name");
    }

    [Test]
    public async Task Create_WithoutBody_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Admin.Client.SendRawAsync(HttpMethod.Post, $"{ws.Root}/workflows/templates/{uuid}/create-workflow", "");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Create_ByGuest_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Guest.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "Guest's desk" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var count = await ws.Factory.QueryAsync(db => db.Workflows.CountAsync(w => w.WorkspaceId == ws.Workspace.Id));
        Assert.That(count, Is.Zero);
    }

    [Test]
    public async Task Create_WithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "Read only" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Create_ByDaemonWithWriteRole_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var workflow = await ws.CreateFromTemplateAsync(uuid, "Daemon's desk", ws.Daemon);

        Assert.That(workflow.OwnerId, Is.EqualTo(ws.Daemon.MemberId));
    }

    [Test]
    public async Task Create_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "Stranger's desk" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.Root}/workflows/templates/{uuid}/create-workflow", new { name = "Anonymous" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// The workflow has the template's settings and one task per template task (matched by name,
    /// which is unique inside each template), with the same transitions and start task.
    /// </summary>
    internal static void ShouldCopy(TemplateResponse template, WorkflowResponse workflow)
    {
        Assert.That(template.Tasks.Select(t => t.Name), Is.Unique, "template task names identify tasks in this check");
        var byName = workflow.Tasks.ToDictionary(t => t.Name);
        var nameOf = workflow.Tasks.ToDictionary(t => t.Id, t => t.Name);
        var keyToName = template.Tasks.ToDictionary(t => t.Key, t => t.Name);
        Assert.Multiple(() =>
        {
            Assert.That(workflow.Prompt, Is.EqualTo(template.Prompt), template.Name);
            Assert.That(workflow.Tasks.Select(t => t.Name), Is.EquivalentTo(template.Tasks.Select(t => t.Name)), template.Name);
            Assert.That(workflow.Tasks.Select(t => t.WorkflowId), Has.All.EqualTo(workflow.Id), template.Name);
            Assert.That(workflow.Abilities.Select(a => (a.Type, a.Enabled)), Is.EqualTo(template.Abilities.Select(a => (a.Type, a.Enabled))), template.Name);
            Assert.That(workflow.Abilities.Select(a => Json(a.Settings)), Is.EqualTo(template.Abilities.Select(a => Json(a.Settings))), template.Name);
            Assert.That(workflow.EventRules.Select(r => (r.Event, r.Condition, r.Action, Json(r.Settings))),
                Is.EqualTo(template.EventRules.Select(r => (r.Event, r.Condition, r.Action, Json(r.Settings)))), template.Name);
        });
        foreach (var expected in template.Tasks)
        {
            Assert.That(byName, Contains.Key(expected.Name), template.Name);
            var task = byName[expected.Name];
            Assert.Multiple(() =>
            {
                Assert.That((task.Description, task.Prompt, task.PosX, task.PosY),
                    Is.EqualTo((expected.Description, expected.Prompt, expected.PosX, expected.PosY)), $"{template.Name}: {expected.Name}");
                Assert.That(task.NextTaskIds.Select(id => nameOf.GetValueOrDefault(id, $"foreign task {id}")),
                    Is.EquivalentTo(expected.NextTaskKeys.Select(k => keyToName[k])), $"{template.Name}: transitions of {expected.Name}");
            });
        }
        var start = template.Tasks.Single(t => t.Start);
        Assert.That(workflow.StartTaskId, Is.EqualTo(byName[start.Name].Id), $"{template.Name}: startTaskId is the copy of the start task");
    }

    private static string Json(JsonElement? element) => element is { } e ? JsonSerializer.Serialize(e) : "null";
}
