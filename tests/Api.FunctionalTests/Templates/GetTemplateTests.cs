using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Templates;

namespace Workflows.Api.FunctionalTests.Templates;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows/templates/{template_uuid}</summary>
public sealed class GetTemplateTests
{
    [Test]
    public async Task Get_EveryBuiltInTemplate_HasTasksTransitionsAbilitiesAndEventRules()
    {
        var ws = await TestWorkspace.CreateAsync();
        var builtIn = (await ws.ListTemplatesAsync()).Where(t => t.Source == TemplateSource.BuiltIn).ToList();
        Assert.That(builtIn, Has.Count.GreaterThanOrEqualTo(3));

        foreach (var summary in builtIn)
        {
            var template = await ws.GetTemplateAsync(summary.Uuid);

            var keys = template.Tasks.Select(t => t.Key).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(template.Uuid, Is.EqualTo(summary.Uuid), summary.Name);
                Assert.That(template.Name, Is.EqualTo(summary.Name), summary.Name);
                Assert.That(template.Source, Is.EqualTo(TemplateSource.BuiltIn), summary.Name);
                Assert.That(template.Tasks, Has.Count.GreaterThanOrEqualTo(2), summary.Name);
                Assert.That(keys, Is.Unique, summary.Name);
                Assert.That(template.Tasks.Count(t => t.Start), Is.EqualTo(1), $"{summary.Name}: exactly one start task");
                Assert.That(template.Tasks.Select(t => t.Name), Has.All.Not.Empty, summary.Name);
                Assert.That(template.Tasks.SelectMany(t => t.NextTaskKeys), Is.Not.Empty, $"{summary.Name}: has transitions");
                Assert.That(template.Tasks.SelectMany(t => t.NextTaskKeys).Distinct(), Is.SubsetOf(keys), $"{summary.Name}: transitions stay inside");
                Assert.That(template.Abilities, Is.Not.Empty, $"{summary.Name}: has abilities");
                Assert.That(template.Abilities.Select(a => a.Type), Has.All.Not.Empty, summary.Name);
                Assert.That(template.EventRules, Is.Not.Empty, $"{summary.Name}: has event rules");
                Assert.That(template.EventRules.Select(r => r.Event), Has.All.Not.Empty, summary.Name);
                Assert.That(template.EventRules.Select(r => r.Action), Has.All.Not.Empty, summary.Name);
            });
        }
    }

    [Test]
    public async Task Get_BuiltInTemplate_EveryTaskIsReachableFromTheStart()
    {
        var ws = await TestWorkspace.CreateAsync();
        var builtIn = (await ws.ListTemplatesAsync()).Where(t => t.Source == TemplateSource.BuiltIn).ToList();

        foreach (var summary in builtIn)
        {
            var template = await ws.GetTemplateAsync(summary.Uuid);
            var next = template.Tasks.ToDictionary(t => t.Key, t => t.NextTaskKeys);
            var reached = new HashSet<string>();
            var todo = new Stack<string>(template.Tasks.Where(t => t.Start).Select(t => t.Key));
            while (todo.TryPop(out var key))
            {
                if (!reached.Add(key)) continue;
                foreach (var n in next[key]) todo.Push(n);
            }

            Assert.That(reached, Is.EquivalentTo(next.Keys), $"{summary.Name}: a realistic template has no unreachable step");
        }
    }

    [Test]
    public async Task Get_UnknownTemplate_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_TemplateUuidThatIsNotAUuid_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates/not-a-uuid");

        await response.ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_WithReadScopeOnly_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;
        var reader = ws.ClientWithScopes(ws.Member, "workflows:read");

        var response = await reader.GetAsync($"{ws.Root}/workflows/templates/{uuid}");

        await response.ShouldSucceedAsync();
        Assert.That((await response.ReadAsync<TemplateResponse>()).Uuid, Is.EqualTo(uuid));
    }

    [Test]
    public async Task Get_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.ClientWithScopes(ws.Admin, "profile").GetAsync($"{ws.Root}/workflows/templates/{uuid}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Get_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/workflows/templates/{uuid}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var uuid = (await ws.ListTemplatesAsync())[0].Uuid;

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/workflows/templates/{uuid}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
