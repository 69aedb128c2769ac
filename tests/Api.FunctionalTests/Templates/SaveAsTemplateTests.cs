using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Templates;

namespace Workflows.Api.FunctionalTests.Templates;

/// <summary>POST /api/v2/w/{workspace_uuid}/workflows/{workflow_id}/save-as-template</summary>
public sealed class SaveAsTemplateTests
{
    [Test]
    public async Task SaveAsTemplate_Returns201WithTheWorkflowsSettingsTasksAndTransitions()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, b, c) = await ws.CreateWorkflowWithTasksAsync("Refunds");
        await ws.UpdateWorkflowAsync(workflow.Id, new
        {
            prompt = "Be brief.",
            abilities = new[] { new { type = "email", enabled = true, settings = new { signature = "Refunds team" } } },
            eventRules = new[] { new { @event = "task.stalled", condition = "hours > 4", action = "escalate", settings = (object?)null } },
        });

        var response = await ws.Admin.Client.PostJsonAsync(
            $"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { name = "Refunds (template)", description = "How we do refunds." });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var template = await response.ReadAsync<TemplateResponse>();
        var nameOfKey = template.Tasks.ToDictionary(t => t.Key, t => t.Name);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{ws.Root}/workflows/templates/{template.Uuid}"));
            Assert.That(template.Uuid, Is.Not.EqualTo(Guid.Empty));
            Assert.That(template.Source, Is.EqualTo(TemplateSource.Workspace));
            Assert.That(template.Name, Is.EqualTo("Refunds (template)"));
            Assert.That(template.Description, Is.EqualTo("How we do refunds."));
            Assert.That(template.Prompt, Is.EqualTo("Be brief."));
            Assert.That(template.Abilities.Select(x => (x.Type, x.Enabled)), Is.EqualTo(new[] { ("email", true) }));
            Assert.That(template.EventRules.Select(x => (x.Event, x.Condition, x.Action)), Is.EqualTo(new[] { ("task.stalled", (string?)"hours > 4", "escalate") }));
            Assert.That(template.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { a.Name, b.Name, c.Name }));
            Assert.That(template.Tasks.Single(t => t.Start).Name, Is.EqualTo(a.Name));
            Assert.That(template.Tasks.Select(t => $"{t.Name}>{string.Join(",", t.NextTaskKeys.Select(k => nameOfKey[k]))}"),
                Is.EquivalentTo(new[] { "A>B", "B>C", "C>" }));
        });
    }

    [Test]
    public async Task SaveAsTemplate_WithEmptyBody_TakesTheWorkflowsNameAndDescription()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Returns", description = "Parcel returns." });

        var template = await ws.SaveAsTemplateAsync(workflow.Id);

        Assert.That((template.Name, template.Description), Is.EqualTo(("Returns", (string?)"Parcel returns.")));
    }

    [Test]
    public async Task SaveAsTemplate_WithoutBody_TakesTheWorkflowsName()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Complaints");

        var response = await ws.Admin.Client.PostAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", null);

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        Assert.That((await response.ReadAsync<TemplateResponse>()).Name, Is.EqualTo("Complaints"));
    }

    [Test]
    public async Task SaveAsTemplate_TemplateIsListedAfterTheBuiltInOnes()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Escalations");

        var template = await ws.SaveAsTemplateAsync(workflow.Id);

        var listed = await ws.ListTemplatesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(listed[^1].Uuid, Is.EqualTo(template.Uuid));
            Assert.That(listed[^1].Source, Is.EqualTo(TemplateSource.Workspace));
            Assert.That(listed.Take(listed.Count - 1).Select(t => t.Source), Has.All.EqualTo(TemplateSource.BuiltIn));
        });
    }

    [Test]
    public async Task SaveAsTemplate_ThenCreateWorkflow_CopiesTheSavedTasksAndTransitions()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync("Claims");
        var template = await ws.SaveAsTemplateAsync(workflow.Id);

        var copy = await ws.CreateFromTemplateAsync(template.Uuid, "Claims 2", ws.Member);

        CreateWorkflowFromTemplateTests.ShouldCopy(template, await ws.GetWorkflowAsync(copy.Id));
        Assert.Multiple(() =>
        {
            Assert.That(copy.OwnerId, Is.EqualTo(ws.Member.MemberId));
            Assert.That(copy.Tasks.Select(t => t.Id).Intersect(workflow.Tasks.Select(t => t.Id)), Is.Empty);
        });
    }

    [Test]
    public async Task SaveAsTemplate_IsASnapshot_LaterChangesAndDeletionOfTheWorkflowLeaveItAsSaved()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, a, _, _) = await ws.CreateWorkflowWithTasksAsync("Audits");
        var saved = await ws.SaveAsTemplateAsync(workflow.Id);

        var rename = await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{a.Id}", new { name = "A renamed" });
        await rename.ShouldSucceedAsync();
        var delete = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{workflow.Id}?cascade=true");
        await delete.ShouldSucceedAsync();

        var template = await ws.GetTemplateAsync(saved.Uuid);
        Assert.That(template.Tasks.Select(t => t.Name), Is.EquivalentTo(new[] { "A", "B", "C" }));
    }

    [Test]
    public async Task SaveAsTemplate_IsInvisibleToOtherWorkspaces()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Secret process");
        var template = await ws.SaveAsTemplateAsync(workflow.Id);

        var listed = await other.ListTemplatesAsync();
        var get = await other.Admin.Client.GetAsync($"{other.Root}/workflows/templates/{template.Uuid}");
        var create = await other.Admin.Client.PostJsonAsync($"{other.Root}/workflows/templates/{template.Uuid}/create-workflow", new { name = "Stolen" });

        Assert.That(listed.Select(t => t.Uuid), Does.Not.Contain(template.Uuid));
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await create.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task SaveAsTemplate_ByMemberWithEditAccess_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Shared process");
        await ws.GrantAsync(workflow.Id, ("member", "edit"));

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { name = "Shared (template)" });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task SaveAsTemplate_ByMemberWithUseAccessOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Admin's process");

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { name = "Copied" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.That((await ws.ListTemplatesAsync()).Select(t => t.Source), Has.None.EqualTo(TemplateSource.Workspace));
    }

    [Test]
    public async Task SaveAsTemplate_WithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task SaveAsTemplate_BlankName_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { name = " " });

        await response.ShouldBeValidationProblemAsync("name");
    }

    [Test]
    public async Task SaveAsTemplate_UnknownWorkflow_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/987654321/save-as-template", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task SaveAsTemplate_WorkflowOfAnotherWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{foreign.Id}/save-as-template", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task SaveAsTemplate_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task SaveAsTemplate_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task SaveAsTemplate_Response_IsWhatGetReturns()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        var saved = await ws.SaveAsTemplateAsync(workflow.Id);

        var read = await ws.GetTemplateAsync(saved.Uuid);
        Assert.Multiple(() =>
        {
            Assert.That(read.Name, Is.EqualTo(saved.Name));
            Assert.That(read.Tasks.Select(t => (t.Key, t.Name, t.Start, string.Join(",", t.NextTaskKeys))),
                Is.EqualTo(saved.Tasks.Select(t => (t.Key, t.Name, t.Start, string.Join(",", t.NextTaskKeys)))));
        });
    }
}
