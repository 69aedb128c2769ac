using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows?sort=name|createdAt|updatedAt&amp;order=asc|desc, across pages.</summary>
public sealed class SortWorkflowsTests
{
    private static readonly string[] ScrambledNames = ["delta", "Alpha", "charlie", "Bravo", "echo", "Foxtrot", "golf"];
    private static readonly string[] NamesInOrder = ["Alpha", "Bravo", "charlie", "delta", "echo", "Foxtrot", "golf"];

    [TestCase("asc")]
    [TestCase("desc")]
    public async Task Sort_ByName_OrdersCaseInsensitively_AcrossPages(string order)
    {
        var ws = await TestWorkspace.CreateAsync();
        foreach (var name in ScrambledNames) await ws.CreateWorkflowAsync(name: name);
        var expected = order == "asc" ? NamesInOrder : Enumerable.Reverse(NamesInOrder).ToArray();

        var pages = await ws.ListWorkflowPagesAsync(ws.Admin, $"sort=name&order={order}", limit: 2);

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 2, 2, 2, 1 }));
            Assert.That(pages[0].Items.Select(w => w.Name), Is.EqualTo(expected.Take(2)));
            Assert.That(pages.SelectMany(p => p.Items).Select(w => w.Name), Is.EqualTo(expected));
        });
    }

    [TestCase("asc")]
    [TestCase("desc")]
    public async Task Sort_ByCreatedAt_OrdersByCreation_AcrossPages(string order)
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = new List<WorkflowResponse>();
        foreach (var name in ScrambledNames) created.Add(await ws.CreateWorkflowAsync(name: name));
        var expected = order == "asc" ? created.Select(w => w.Id).ToList() : created.Select(w => w.Id).Reverse().ToList();

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, $"sort=createdAt&order={order}", limit: 3);

        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(w => w.Id), Is.EqualTo(expected));
            Assert.That(listed.Select(w => w.CreatedAt), order == "asc" ? Is.Ordered.Ascending : Is.Ordered.Descending);
        });
    }

    [TestCase("asc")]
    [TestCase("desc")]
    public async Task Sort_ByUpdatedAt_OrdersByLastChange_AcrossPages(string order)
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = new List<WorkflowResponse>();
        foreach (var name in ScrambledNames.Take(5)) created.Add(await ws.CreateWorkflowAsync(name: name));
        var touchOrder = new[] { 2, 0, 4, 1, 3 }.Select(i => created[i]).ToList();
        foreach (var workflow in touchOrder) await ws.UpdateWorkflowAsync(workflow.Id, new { description = $"Touched {workflow.Name}" });
        var expected = order == "asc" ? touchOrder.Select(w => w.Id).ToList() : touchOrder.Select(w => w.Id).Reverse().ToList();

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, $"sort=updatedAt&order={order}", limit: 2);

        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(w => w.Id), Is.EqualTo(expected));
            Assert.That(listed.Select(w => w.UpdatedAt), order == "asc" ? Is.Ordered.Ascending : Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task Sort_ByUpdatedAt_AChangeBetweenPagesDoesNotRepeatOrLoseOtherRows()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = new List<WorkflowResponse>();
        foreach (var name in ScrambledNames) created.Add(await ws.CreateWorkflowAsync(name: name));

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, "sort=updatedAt&order=asc", limit: 3, betweenPages: async page =>
        {
            // Touch a row of the first page: it moves behind the cursor's position, and may be
            // listed again there, but no other row may repeat or go missing.
            if (page == 1) await ws.UpdateWorkflowAsync(created[0].Id, new { description = "Touched while paging" });
        });

        var others = listed.Select(w => w.Id).Where(id => id != created[0].Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(others, Is.EqualTo(created.Skip(1).Select(w => w.Id)));
            Assert.That(listed.Select(w => w.Id), Does.Contain(created[0].Id));
        });
    }

    [Test]
    public async Task Sort_Default_IsCreatedAtAscending()
    {
        var ws = await TestWorkspace.CreateAsync();
        foreach (var name in ScrambledNames) await ws.CreateWorkflowAsync(name: name);

        var byDefault = await ws.ListAllWorkflowsAsync(ws.Admin, "", limit: 3);
        var explicitly = await ws.ListAllWorkflowsAsync(ws.Admin, "sort=createdAt&order=asc", limit: 3);

        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Select(w => w.Name), Is.EqualTo(ScrambledNames));
            Assert.That(explicitly.Select(w => w.Id), Is.EqualTo(byDefault.Select(w => w.Id)));
        });
    }

    [Test]
    public async Task Sort_OrderDescWithoutSort_IsNewestFirst()
    {
        var ws = await TestWorkspace.CreateAsync();
        foreach (var name in ScrambledNames) await ws.CreateWorkflowAsync(name: name);

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, "order=desc", limit: 4);

        Assert.That(listed.Select(w => w.Name), Is.EqualTo(Enumerable.Reverse(ScrambledNames)));
    }

    [Test]
    public async Task Sort_ByName_CombinesWithQ_AcrossPages()
    {
        var ws = await TestWorkspace.CreateAsync();
        foreach (var name in new[] { "Invoices B", "Onboarding", "invoices a", "INVOICES C", "Offboarding" })
            await ws.CreateWorkflowAsync(name: name);

        var listed = await ws.ListAllWorkflowsAsync(ws.Admin, "q=invoices&sort=name&order=desc", limit: 1);

        Assert.That(listed.Select(w => w.Name), Is.EqualTo(new[] { "INVOICES C", "Invoices B", "invoices a" }));
    }
}
