using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Templates;

namespace Workflows.Api.FunctionalTests.Templates;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows/templates</summary>
public sealed class ListTemplatesTests
{
    [Test]
    public async Task List_ReturnsAtLeastThreeBuiltInTemplates_EachWithTasks()
    {
        var ws = await TestWorkspace.CreateAsync();

        var templates = await ws.ListTemplatesAsync();

        var builtIn = templates.Where(t => t.Source == TemplateSource.BuiltIn).ToList();
        Assert.That(builtIn, Has.Count.GreaterThanOrEqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(builtIn.Select(t => t.Uuid), Is.Unique);
            Assert.That(builtIn.Select(t => t.Name), Is.Unique);
            Assert.That(builtIn.Select(t => t.Uuid), Has.None.EqualTo(Guid.Empty));
            Assert.That(builtIn.Select(t => t.Name), Has.All.Not.Empty);
            Assert.That(builtIn.Select(t => t.Description), Has.All.Not.Null.And.Not.Empty);
            Assert.That(builtIn.Select(t => t.TaskCount), Has.All.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task List_IsTheSameCatalogueInEveryWorkspace()
    {
        var first = await TestWorkspace.CreateAsync();
        var second = await TestWorkspace.CreateAsync();

        var inFirst = await first.ListTemplatesAsync();
        var inSecond = await second.ListTemplatesAsync();

        Assert.That(inSecond.Select(t => (t.Uuid, t.Name, t.TaskCount)), Is.EqualTo(inFirst.Select(t => (t.Uuid, t.Name, t.TaskCount))));
    }

    [Test]
    public async Task List_TaskCountMatchesTheTemplatesTasks()
    {
        var ws = await TestWorkspace.CreateAsync();

        var templates = await ws.ListTemplatesAsync();

        foreach (var summary in templates)
        {
            var template = await ws.GetTemplateAsync(summary.Uuid);
            Assert.That(template.Tasks, Has.Count.EqualTo(summary.TaskCount), summary.Name);
        }
    }

    [Test]
    public async Task List_ByGuestWithReadScopeOnly_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var reader = ws.ClientWithScopes(ws.Guest, "workflows:read");

        var response = await reader.GetAsync($"{ws.Root}/workflows/templates");

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<Page<TemplateSummaryResponse>>()).Items, Has.Count.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task List_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var noScope = ws.ClientWithScopes(ws.Admin, "profile");

        var response = await noScope.GetAsync($"{ws.Root}/workflows/templates");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/workflows/templates");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/workflows/templates");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
