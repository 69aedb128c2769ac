using System.Text.Json.Nodes;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Members;
using Workflows.Application.Templates;

namespace Workflows.Api.FunctionalTests.Templates;

/// <summary>
/// GET /api/v2/w/{workspace_uuid}/workflows/templates is paged like every list: <c>{items, nextCursor}</c>,
/// <c>limit</c> 1–200 (default 50) and a signed cursor; built-in templates first, then the workspace's,
/// each kind by name (compared case-insensitively), ties by age. Items are summaries, without tasks.
/// </summary>
public sealed class TemplatePagingTests
{
    [Test]
    public async Task Paging_WithSmallLimits_ReturnsEveryTemplateExactlyOnce_BuiltInFirstThenByName()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Source");
        var saved = new List<Guid>();
        foreach (var name in new[] { "beta", "Alpha", "alpha", "Gamma", "beta", "ALPHA" })
            saved.Add((await ws.SaveAsTemplateAsync(workflow.Id, new { name })).Uuid);
        var builtIn = (await ws.ListTemplatePageAsync("?limit=200")).Items.Where(t => t.Source == TemplateSource.BuiltIn)
            .OrderBy(t => t.Name.ToUpperInvariant(), StringComparer.Ordinal).ThenBy(t => t.Uuid).Select(t => t.Uuid);
        // By name key, and among equal keys in the order they were saved.
        var expected = builtIn.Concat(new[] { saved[1], saved[2], saved[5], saved[0], saved[4], saved[3] }).ToList();

        foreach (var limit in new[] { 1, 2, 3, 4, 5, 7, 200 })
        {
            var pages = new List<Page<TemplateSummaryResponse>>();
            string? cursor = null;
            do
            {
                var page = await ws.ListTemplatePageAsync($"?limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
                pages.Add(page);
                cursor = page.NextCursor;
                Assert.That(pages, Has.Count.LessThan(100), "paging must end");
            }
            while (cursor is not null);

            Assert.Multiple(() =>
            {
                Assert.That(pages.SelectMany(p => p.Items).Select(t => t.Uuid), Is.EqualTo(expected), $"limit={limit}");
                Assert.That(pages.Take(pages.Count - 1).Select(p => p.Items.Count), Has.All.EqualTo(limit), $"limit={limit}: every page but the last is full");
                Assert.That(pages[^1].Items, Has.Count.InRange(1, limit), $"limit={limit}: the last page is not empty");
            });
        }
    }

    [Test]
    public async Task Paging_ATemplateSavedBetweenPages_NeitherRepeatsNorHidesAnotherOne()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync(name: "Source");
        foreach (var name in new[] { "B", "D", "F" }) await ws.SaveAsTemplateAsync(workflow.Id, new { name });
        var builtInCount = (await ws.ListTemplatesAsync()).Count(t => t.Source == TemplateSource.BuiltIn);

        var first = await ws.ListTemplatePageAsync($"?limit={builtInCount + 2}");
        Assert.That(first.Items.Select(t => t.Name).TakeLast(2), Is.EqualTo(new[] { "B", "D" }));
        await ws.SaveAsTemplateAsync(workflow.Id, new { name = "A" });   // before the cursor: not on a later page
        await ws.SaveAsTemplateAsync(workflow.Id, new { name = "E" });   // after it: on the next page
        var second = await ws.ListTemplatePageAsync($"?limit={builtInCount + 2}&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.That(second.Items.Select(t => t.Name), Is.EqualTo(new[] { "E", "F" }));
        Assert.That(second.NextCursor, Is.Null);
    }

    [Test]
    public async Task List_WithoutLimit_AnswersTheDefault50_AndTheCursorOfTheRest()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.SeedTemplatesAsync(60);
        var builtInCount = (await ws.ListTemplatesAsync()).Count(t => t.Source == TemplateSource.BuiltIn);

        var first = await ws.ListTemplatePageAsync();
        var rest = await ws.ListTemplatePageAsync($"?cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.Multiple(() =>
        {
            Assert.That(first.Items, Has.Count.EqualTo(50));
            Assert.That(rest.Items, Has.Count.EqualTo(builtInCount + 60 - 50));
            Assert.That(rest.NextCursor, Is.Null);
        });
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("201")]
    [TestCase("many")]
    public async Task List_WithLimitOutOfBounds_Returns400NamingLimit(string limit)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates?limit={limit}");

        await response.ShouldBeValidationProblemAsync("limit");
    }

    [Test]
    public async Task List_WithLimitAtItsBounds_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.SeedTemplatesAsync(200);

        var one = await ws.ListTemplatePageAsync("?limit=1");
        var most = await ws.ListTemplatePageAsync("?limit=200");

        Assert.Multiple(() =>
        {
            Assert.That(one.Items, Has.Count.EqualTo(1));
            Assert.That(one.NextCursor, Is.Not.Null);
            Assert.That(most.Items, Has.Count.EqualTo(200));
            Assert.That(most.NextCursor, Is.Not.Null, "the built-in templates and 200 of the workspace's are more than one page");
        });
    }

    [Test]
    public async Task List_WithATamperedCursor_Returns400NamingCursor()
    {
        var ws = await TestWorkspace.CreateAsync();
        var cursor = (await ws.ListTemplatePageAsync("?limit=1")).NextCursor!;
        var tampered = cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A');

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates?limit=1&cursor={Uri.EscapeDataString(tampered)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_WithACursorOfAnotherList_Returns400NamingCursor()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var ofMembers = (await (await ws.Admin.Client.GetAsync($"{ws.Root}/members?limit=1")).ReadAsync<Page<MemberResponse>>()).NextCursor!;
        var ofAnotherWorkspace = (await other.ListTemplatePageAsync("?limit=1")).NextCursor!;

        foreach (var cursor in new[] { ofMembers, ofAnotherWorkspace, "not-a-cursor" })
        {
            var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates?cursor={Uri.EscapeDataString(cursor)}");
            await response.ShouldBeValidationProblemAsync("cursor");
        }
    }

    [Test]
    public async Task List_ItemsAreSummaries_WithoutTasksOrSettings()
    {
        var ws = await TestWorkspace.CreateAsync();
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync("With tasks");
        await ws.UpdateWorkflowAsync(workflow.Id, new { prompt = "Be brief." });
        var saved = await ws.SaveAsTemplateAsync(workflow.Id);

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/templates?limit=200");

        await response.ShouldSucceedAsync();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "items", "nextCursor" }));
        var items = body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var own = items.Single(i => i["uuid"]!.GetValue<string>() == saved.Uuid.ToString());
        Assert.Multiple(() =>
        {
            foreach (var item in items)
                Assert.That(item.Select(p => p.Key), Is.EquivalentTo(new[] { "uuid", "name", "description", "source", "taskCount", "createdAt" }), item.ToJsonString());
            Assert.That(own["taskCount"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(own["source"]!.GetValue<string>(), Is.EqualTo("workspace"));
            Assert.That(own["createdAt"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(5)));
            Assert.That(items.Where(i => i["source"]!.GetValue<string>() == "builtin").Select(i => i["createdAt"]), Has.All.Null);
        });
    }
}
