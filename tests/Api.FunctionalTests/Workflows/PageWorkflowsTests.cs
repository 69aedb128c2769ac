using System.Buffers.Text;
using System.Net;
using System.Text;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Members;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Workflows;

/// <summary>GET /api/v2/w/{workspace_uuid}/workflows?limit=&amp;cursor=: keyset paging, and cursors that only fit their own query.</summary>
public sealed class PageWorkflowsTests
{
    /// <summary>
    /// 500 distinct names in mixed case, in an order unrelated to their ids, inserted in four
    /// batches: rows of one batch share createdAt and updatedAt, so ties are broken by id.
    /// </summary>
    private static async Task<Dictionary<long, string>> SeedFiveHundredAsync(TestWorkspace ws)
    {
        var names = Enumerable.Range(0, 500)
            .Select(i => (i * 7919) % 10007)
            .Select((n, i) => $"{(i % 3 == 0 ? "flow" : i % 3 == 1 ? "FLOW" : "Flow")} {n:D5}")
            .ToList();
        var seeded = new Dictionary<long, string>();
        foreach (var batch in names.Chunk(125))
        {
            var ids = await ws.SeedWorkflowsAsync(batch);
            foreach (var (id, name) in ids.Zip(batch)) seeded.Add(id, name);
        }
        return seeded;
    }

    /// <summary>The order the list must have: the sort key (names compared case-insensitively), then the id.</summary>
    private static IEnumerable<long> ExpectedOrder(IEnumerable<WorkflowSummaryResponse> rows, string sort, string order)
    {
        var comparer = Comparer(sort);
        var sorted = rows.Order(comparer);
        return (order == "desc" ? sorted.Reverse() : sorted).Select(w => w.Id);
    }

    private static Comparer<WorkflowSummaryResponse> Comparer(string sort) => Comparer<WorkflowSummaryResponse>.Create((x, y) =>
    {
        var bySort = sort switch
        {
            "name" => string.CompareOrdinal(x.Name.ToUpperInvariant(), y.Name.ToUpperInvariant()),
            "updatedAt" => x.UpdatedAt.CompareTo(y.UpdatedAt),
            _ => x.CreatedAt.CompareTo(y.CreatedAt),
        };
        return bySort != 0 ? bySort : x.Id.CompareTo(y.Id);
    });

    [TestCase("createdAt", "asc")]
    [TestCase("createdAt", "desc")]
    [TestCase("name", "asc")]
    [TestCase("name", "desc")]
    [TestCase("updatedAt", "asc")]
    [TestCase("updatedAt", "desc")]
    public async Task Paging_500WorkflowsWithLimit7_ReturnsEachExactlyOnce_InOrder(string sort, string order)
    {
        var ws = await TestWorkspace.CreateAsync();
        var seeded = await SeedFiveHundredAsync(ws);

        var pages = await ws.ListWorkflowPagesAsync(ws.Admin, $"sort={sort}&order={order}", limit: 7);

        var listed = pages.SelectMany(p => p.Items).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pages, Has.Count.EqualTo(72), "500 rows at 7 a page");
            Assert.That(pages.Take(71).Select(p => p.Items.Count), Has.All.EqualTo(7));
            Assert.That(pages[^1].Items, Has.Count.EqualTo(3));
            Assert.That(pages.Take(71).Select(p => p.NextCursor), Has.All.Not.Null);
            Assert.That(pages[^1].NextCursor, Is.Null);
            Assert.That(listed.Select(w => w.Id), Is.Unique);
            Assert.That(listed.Select(w => w.Id), Is.EquivalentTo(seeded.Keys));
            Assert.That(listed.Select(w => w.Name), Is.EquivalentTo(seeded.Values));
            Assert.That(listed.Select(w => w.Id), Is.EqualTo(ExpectedOrder(listed, sort, order)));
        });
    }

    [TestCase("createdAt", "asc")]
    [TestCase("createdAt", "desc")]
    [TestCase("name", "asc")]
    [TestCase("name", "desc")]
    [TestCase("updatedAt", "asc")]
    public async Task Paging_WhileWorkflowsAreCreatedAndDeletedBetweenPages_ReturnsEverySurvivorExactlyOnce(string sort, string order)
    {
        var ws = await TestWorkspace.CreateAsync();
        var seeded = await SeedFiveHundredAsync(ws);
        var random = new Random(20261128);
        var seen = new HashSet<long>();
        var listed = new List<WorkflowSummaryResponse>();
        var created = new HashSet<long>();
        var deleted = new HashSet<long>();
        var deletedUnseen = new HashSet<long>();

        string? cursor = null;
        var pageCount = 0;
        do
        {
            var page = await ws.ListWorkflowsAsync(ws.Admin,
                $"?sort={sort}&order={order}&limit=7" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            listed.AddRange(page.Items);
            foreach (var item in page.Items) seen.Add(item.Id);
            cursor = page.NextCursor;
            pageCount++;
            if (cursor is null) break;

            // Between pages: a new workflow somewhere in the order, one seeded workflow deleted
            // (alternately one already listed and one still ahead), and now and then one of the new ones.
            var name = $"{(random.Next(2) == 0 ? "flow" : "FLOW")} {random.Next(0, 10_007):D5} new {pageCount}";
            var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name });
            await response.ShouldSucceedAsync(HttpStatusCode.Created);
            created.Add((await response.ReadAsync<WorkflowResponse>()).Id);

            var candidates = seeded.Keys.Where(id => !deleted.Contains(id) && seen.Contains(id) == (pageCount % 2 == 0)).ToList();
            if (candidates.Count > 0) await DeleteAsync(candidates[random.Next(candidates.Count)]);
            if (pageCount % 5 == 0)
            {
                var fresh = created.Where(id => !deleted.Contains(id)).ToList();
                await DeleteAsync(fresh[random.Next(fresh.Count)]);
            }
        }
        while (pageCount < 1_000);

        var ids = listed.Select(w => w.Id).ToList();
        var survivors = seeded.Keys.Where(id => !deleted.Contains(id)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pageCount, Is.LessThan(1_000), "paging ends");
            Assert.That(deleted, Has.Count.GreaterThan(70), "rows were deleted between pages");
            Assert.That(deletedUnseen, Is.Not.Empty, "some rows were deleted before their page came");
            Assert.That(ids, Is.Unique, "no row is listed twice");
            Assert.That(survivors, Is.SubsetOf(ids), "every row that existed throughout is listed");
            Assert.That(ids, Is.SubsetOf(seeded.Keys.Concat(created)), "nothing else is listed");
            Assert.That(ids.Intersect(deletedUnseen), Is.Empty, "a row deleted before its page came is not listed");
            Assert.That(ids, Is.EqualTo(ExpectedOrder(listed, sort, order)), "the order holds across pages");
        });

        async Task DeleteAsync(long id)
        {
            if (!seen.Contains(id)) deletedUnseen.Add(id);
            var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/workflows/{id}");
            await response.ShouldSucceedAsync();
            deleted.Add(id);
        }
    }

    [Test]
    public async Task Paging_ExactMultipleOfTheLimit_EndsWithoutAnEmptyPage()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.SeedWorkflowsAsync(Enumerable.Range(1, 14).Select(i => $"Exact {i:D2}").ToList());

        var pages = await ws.ListWorkflowPagesAsync(ws.Admin, "", limit: 7);

        Assert.That(pages.Select(p => (p.Items.Count, p.NextCursor is null)), Is.EqualTo(new[] { (7, false), (7, true) }));
    }

    [Test]
    public async Task Paging_WithoutLimit_Returns50AndACursor()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.SeedWorkflowsAsync(Enumerable.Range(1, 60).Select(i => $"Default {i:D2}").ToList());

        var first = await ws.ListWorkflowsAsync(ws.Admin);
        var second = await ws.ListWorkflowsAsync(ws.Admin, $"?cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.Multiple(() =>
        {
            Assert.That(first.Items, Has.Count.EqualTo(50));
            Assert.That(first.NextCursor, Is.Not.Null);
            Assert.That(second.Items, Has.Count.EqualTo(10));
            Assert.That(second.NextCursor, Is.Null);
            Assert.That(first.Items.Concat(second.Items).Select(w => w.Name), Is.EqualTo(Enumerable.Range(1, 60).Select(i => $"Default {i:D2}")));
        });
    }

    [Test]
    public async Task Paging_Limit200_ReturnsUpTo200()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.SeedWorkflowsAsync(Enumerable.Range(1, 201).Select(i => $"Max {i:D3}").ToList());

        var first = await ws.ListWorkflowsAsync(ws.Admin, "?limit=200");

        Assert.That((first.Items.Count, first.NextCursor is null), Is.EqualTo((200, false)));
    }

    [Test]
    public async Task Paging_ChangingTheLimitBetweenPages_ContinuesWhereThePreviousPageEnded()
    {
        var ws = await TestWorkspace.CreateAsync();
        var ids = await ws.SeedWorkflowsAsync(Enumerable.Range(1, 10).Select(i => $"Limit {i:D2}").ToList());

        var first = await ws.ListWorkflowsAsync(ws.Admin, "?limit=3");
        var second = await ws.ListWorkflowsAsync(ws.Admin, $"?limit=5&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.That(first.Items.Concat(second.Items).Select(w => w.Id), Is.EqualTo(ids.Take(8)));
    }

    [TestCase("payload")]
    [TestCase("signature")]
    [TestCase("swapped")]
    [TestCase("truncated")]
    [TestCase("garbage")]
    public async Task Paging_TamperedCursor_Returns400(string how)
    {
        var ws = await TestWorkspace.CreateAsync();
        var ids = await ws.SeedWorkflowsAsync(Enumerable.Range(1, 6).Select(i => $"Tamper {i}").ToList());
        var first = await ws.ListWorkflowsAsync(ws.Admin, "?limit=2");
        var second = await ws.ListWorkflowsAsync(ws.Admin, $"?limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}");
        var cursor = first.NextCursor!;
        var (payload, signature) = (cursor[..cursor.IndexOf('.', StringComparison.Ordinal)], cursor[(cursor.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload));
        Assert.That(json, Does.Contain($"\"Id\":{ids[1]}"), "the cursor names the last row of the first page");

        var forged = how switch
        {
            // Ask to start after the first row instead: a valid-looking position with the old signature.
            "payload" => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace($"\"Id\":{ids[1]}", $"\"Id\":{ids[0]}", StringComparison.Ordinal))) + "." + signature,
            "signature" => payload + "." + Flip(signature),
            "swapped" => payload + "." + second.NextCursor![(second.NextCursor!.IndexOf('.', StringComparison.Ordinal) + 1)..],
            "truncated" => cursor[..^4],
            _ => "bm90LWEtY3Vyc29y!",
        };

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit=2&cursor={Uri.EscapeDataString(forged)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [TestCase("sort=name", "sort=createdAt")]
    [TestCase("sort=name&order=asc", "sort=name&order=desc")]
    [TestCase("q=flow", "q=low")]
    [TestCase("archived=false", "archived=true")]
    [TestCase("can=use", "can=edit")]
    [TestCase("ownerId={owner}", "")]
    [TestCase("", "agentId={agent}")]
    public async Task Paging_CursorOfAnotherQuery_Returns400(string issuedFor, string usedWith)
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.SeedWorkflowsAsync(Enumerable.Range(1, 5).Select(i => $"Flow {i}").ToList());
        string Fill(string q) => q.Replace("{owner}", ws.Admin.MemberId.ToString(), StringComparison.Ordinal).Replace("{agent}", ws.AgentId.ToString(), StringComparison.Ordinal);
        var first = await ws.ListWorkflowsAsync(ws.Admin, "?" + $"{Fill(issuedFor)}&limit=2".TrimStart('&'));
        Assert.That(first.NextCursor, Is.Not.Null);

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?{Fill(usedWith)}&limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task Paging_CursorIssuedToAnotherCaller_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.SeedWorkflowsAsync(Enumerable.Range(1, 5).Select(i => $"Caller {i}").ToList());
        var members = await ws.ListWorkflowsAsync(ws.Member, "?limit=2");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit=2&cursor={Uri.EscapeDataString(members.NextCursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task Paging_CursorOfAnotherWorkspace_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await other.SeedWorkflowsAsync(Enumerable.Range(1, 5).Select(i => $"Other {i}").ToList());
        var theirs = await other.ListWorkflowsAsync(other.Admin, "?limit=2");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit=2&cursor={Uri.EscapeDataString(theirs.NextCursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task Paging_CursorOfAnotherList_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var members = await ws.Admin.Client.GetJsonAsync<Page<MemberResponse>>($"{ws.Root}/members?limit=2");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows?limit=2&cursor={Uri.EscapeDataString(members!.NextCursor!)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    private static string Flip(string signature) =>
        (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
}
