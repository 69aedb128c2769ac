using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Templates;
using Workflows.Domain.Workflows;

namespace Workflows.Api.FunctionalTests.Templates;

/// <summary>
/// POST …/{workflow_id}/save-as-template within the bounds of a template: at most 500 templates a
/// workspace (409 template_limit_reached, under concurrency too) and at most 1,000 tasks and 1 MiB
/// of JSON a template (400 template_too_large).
/// </summary>
public sealed class TemplateBoundsTests
{
    [Test]
    public async Task SaveAsTemplate_WhenTheWorkspaceHas500Templates_Returns409AndSavesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Source");
        Assert.That(await ws.SeedTemplatesAsync(499), Is.EqualTo(499));

        var last = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { name = "The 500th" });
        var oneTooMany = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { name = "The 501st" });

        await last.ShouldSucceedAsync(HttpStatusCode.Created);
        var problem = await oneTooMany.ShouldBeProblemAsync(HttpStatusCode.Conflict, "template_limit_reached");
        Assert.That(problem.Detail, Does.Contain("500"));
        Assert.That(await ws.CountTemplatesAsync(), Is.EqualTo(500));
    }

    [Test]
    public async Task SaveAsTemplate_ConcurrentSavesAtTheLimit_StopAtExactly500()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Source");
        await ws.SeedTemplatesAsync(495);

        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
                ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { name = $"Race {round}.{i}" })));

            var statuses = responses.Select(r => (int)r.StatusCode).ToList();
            Assert.That(statuses, Has.All.AnyOf(201, 409), string.Join(",", statuses));
            Assert.That(statuses.Count(s => s == 201), Is.EqualTo(round == 0 ? 5 : 0), string.Join(",", statuses));
            foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
                await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "template_limit_reached");
            Assert.That(await ws.CountTemplatesAsync(), Is.EqualTo(500));
        }
    }

    [Test]
    public async Task SaveAsTemplate_TheLimitIsPerWorkspace()
    {
        var full = await TestWorkspace.CreateAsync();
        await full.SeedTemplatesAsync(500);
        var other = await TestWorkspace.CreateAsync();
        var workflow = await other.CreateWorkflowAsync(name: "Source");

        var response = await other.Admin.Client.PostJsonAsync($"{other.Root}/workflows/{workflow.Id}/save-as-template", new { });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task SaveAsTemplate_OfAWorkflowOverOneMebibyteOfJson_Returns400AndSavesNothing()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Long prompts");
        await SeedTasksWithLongPromptsAsync(ws, workflow.Id, 34);   // 34 × 32,000 characters: about 1.09 MB

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "template_too_large");
        Assert.That(problem.Detail, Does.Contain("1 MiB"));
        Assert.That(await ws.CountTemplatesAsync(), Is.Zero);
    }

    [Test]
    public async Task SaveAsTemplate_OfAWorkflowJustUnderOneMebibyteOfJson_Returns201()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Long prompts");
        await SeedTasksWithLongPromptsAsync(ws, workflow.Id, 32);   // 32 × 32,000 characters: about 1.03 MB, under 1,048,576 bytes

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var listed = (await ws.ListTemplatesAsync()).Single(t => t.Source == TemplateSource.Workspace);
        Assert.That(listed.TaskCount, Is.EqualTo(32));
    }

    [Test]
    public async Task SaveAsTemplate_OfAWorkflowAtTheTaskLimit_Returns201WithEveryTask()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Thousand tasks");
        await ws.SeedTasksAsync(workflow.Id, WorkflowLimits.MaxTasks);

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{workflow.Id}/save-as-template", new { });

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
        var listed = (await ws.ListTemplatesAsync()).Single(t => t.Source == TemplateSource.Workspace);
        Assert.That(listed.TaskCount, Is.EqualTo(WorkflowLimits.MaxTasks));
    }

    private static Task SeedTasksWithLongPromptsAsync(TestWorkspace ws, long workflowId, int count) =>
        ws.Factory.QueryAsync(async db =>
        {
            var workflow = await db.Workflows.Include(w => w.Tasks).SingleAsync(w => w.Id == workflowId);
            for (var i = 0; i < count; i++)
                workflow.AddTask(new TaskDetails($"Task {i}", null, new string('p', WorkflowLimits.PromptMaxLength), null, null), Array.Empty<long>());
            return await db.SaveChangesAsync();
        });
}
