using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Api.FunctionalTests.Infrastructure.WorkspaceApi;
using Workflows.Application.Inboxes;

namespace Workflows.Api.FunctionalTests.Resources;

/// <summary>GET|POST /api/v2/w/{workspace_uuid}/inboxes, GET|DELETE /inboxes/{inbox_id}</summary>
public sealed class InboxesTests
{
    // ---- create ------------------------------------------------------------------------------

    [Test]
    public async Task Create_Returns201WithTheAddress()
    {
        var ws = await TestWorkspace.CreateAsync();
        var address = WorkspaceResourcesExtensions.UniqueMailAddress();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address, label = "Hotline" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var inbox = await response.ReadAsync<InboxResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(inbox.Id, Is.Positive);
            Assert.That((inbox.Address, inbox.Label), Is.EqualTo((address, (string?)"Hotline")));
            Assert.That(inbox.CreatedAt, Is.GreaterThan(DateTime.UtcNow.AddMinutes(-5)));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{ws.Root}/inboxes/{inbox.Id}"));
        });
    }

    [Test]
    public async Task Create_WithoutLabel_Returns201WithNullLabel()
    {
        var ws = await TestWorkspace.CreateAsync();

        var inbox = await ws.CreateInboxAsync(label: null);

        Assert.That(inbox.Label, Is.Null);
    }

    [Test]
    public async Task Create_AddressTheWorkspaceAlreadyHas_Returns409ResourceExists()
    {
        var ws = await TestWorkspace.CreateAsync();
        var existing = await ws.CreateInboxAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address = existing.Address });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_exists");
        var stored = await ws.Factory.QueryAsync(db => db.Inboxes.CountAsync(p => p.Address == existing.Address));
        Assert.That(stored, Is.EqualTo(1));
    }

    [Test]
    public async Task Create_AddressAnotherWorkspaceHas_Returns201()
    {
        var other = await TestWorkspace.CreateAsync();
        var theirs = await other.CreateInboxAsync();
        var ws = await TestWorkspace.CreateAsync();

        var ours = await ws.CreateInboxAsync(theirs.Address);

        Assert.Multiple(() =>
        {
            Assert.That(ours.Address, Is.EqualTo(theirs.Address));
            Assert.That(ours.Id, Is.Not.EqualTo(theirs.Id));
        });
    }

    [TestCase("support.example.com")]
    [TestCase("@example.com")]
    [TestCase("support@")]
    public async Task Create_AddressThatIsNotAMailAddress_Returns400(string address)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address });

        await response.ShouldBeValidationProblemAsync("address");
    }

    [Test]
    public async Task Create_AddressLongerThan320_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address = new string('a', 310) + "@example.com" });

        await response.ShouldBeValidationProblemAsync("address");
    }

    [Test]
    public async Task Create_WithoutAddress_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { label = "No address" });

        await response.ShouldBeValidationProblemAsync("address");
    }

    [Test]
    public async Task Create_LabelLongerThan200_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes",
            new { address = WorkspaceResourcesExtensions.UniqueMailAddress(), label = new string('l', 201) });

        await response.ShouldBeValidationProblemAsync("label");
    }

    [Test]
    public async Task Create_ByMember_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address = WorkspaceResourcesExtensions.UniqueMailAddress() });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var stored = await ws.Factory.QueryAsync(db => db.Inboxes.CountAsync(p => p.WorkspaceId == ws.Workspace.Id));
        Assert.That(stored, Is.Zero);
    }

    [Test]
    public async Task Create_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/inboxes", new { address = WorkspaceResourcesExtensions.UniqueMailAddress() });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Create_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address = WorkspaceResourcesExtensions.UniqueMailAddress() });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.Root}/inboxes", new { address = WorkspaceResourcesExtensions.UniqueMailAddress() });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- list --------------------------------------------------------------------------------

    [Test]
    public async Task List_ReturnsOnlyThisWorkspacesInboxes_InCreationOrder()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await other.CreateInboxAsync();
        var first = await ws.CreateInboxAsync();
        var second = await ws.CreateInboxAsync();

        var page = await ws.Member.Client.GetJsonAsync<Page<InboxResponse>>($"{ws.Root}/inboxes");

        Assert.Multiple(() =>
        {
            Assert.That(page!.Items, Is.EqualTo(new[] { first, second }));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task List_PagedWithCursor_ReturnsEachInboxExactlyOnce()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = new List<long>();
        for (var i = 0; i < 5; i++) created.Add((await ws.CreateInboxAsync()).Id);

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ws.Admin.Client.GetJsonAsync<Page<InboxResponse>>(
                $"{ws.Root}/inboxes?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page!.Items.Select(p => p.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.That((seen, pages), Is.EqualTo((created, 3)));
    }

    [Test]
    public async Task List_ForgedCursor_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        await ws.CreateInboxAsync();
        await ws.CreateInboxAsync();
        var page = await ws.Admin.Client.GetJsonAsync<Page<InboxResponse>>($"{ws.Root}/inboxes?limit=1");
        var forged = page!.NextCursor![..^2] + (page.NextCursor[^2] == 'A' ? "BA" : "AA");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/inboxes?cursor={Uri.EscapeDataString(forged)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/inboxes");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "profile").GetAsync($"{ws.Root}/inboxes");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/inboxes");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- get ---------------------------------------------------------------------------------

    [Test]
    public async Task Get_ByGuest_Returns200WithTheInbox()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();

        var response = await ws.Guest.Client.GetAsync($"{ws.Root}/inboxes/{inbox.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await response.ReadAsync<InboxResponse>(), Is.EqualTo(inbox));
    }

    [Test]
    public async Task Get_UnknownInbox_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/inboxes/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_InboxOfAnotherWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateInboxAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/inboxes/{foreign.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/inboxes/{inbox.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    // ---- delete ------------------------------------------------------------------------------

    [Test]
    public async Task Delete_UnusedInbox_Returns200_AndTheInboxIsGone()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        var gone = await ws.Admin.Client.GetAsync($"{ws.Root}/inboxes/{inbox.Id}");
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_InboxAWorkflowUsesAsDefault_Returns409ResourceInUse_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Mail", defaultInboxId = inbox.Id });

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_in_use");
        var still = await ws.Admin.Client.GetAsync($"{ws.Root}/inboxes/{inbox.Id}");
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).DefaultInboxId, Is.EqualTo(inbox.Id));
    }

    [Test]
    public async Task Delete_InboxAnArchivedWorkflowUses_Returns409ResourceInUse()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Old mail", defaultInboxId = inbox.Id });
        await ws.ArchiveWorkflowAsync(workflow.Id);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_in_use");
    }

    [Test]
    public async Task Delete_AfterTheWorkflowStopsUsingIt_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Mail", defaultInboxId = inbox.Id });
        await ws.UpdateWorkflowAsync(workflow.Id, new { defaultInboxId = (long?)null });

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Delete_ByMember_Returns403_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();

        var response = await ws.Member.Client.DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var still = await ws.Admin.Client.GetAsync($"{ws.Root}/inboxes/{inbox.Id}");
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Delete_UnknownInbox_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/inboxes/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_InboxOfAnotherWorkspace_Returns404_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateInboxAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/inboxes/{foreign.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var still = await other.Admin.Client.GetAsync($"{other.Root}/inboxes/{foreign.Id}");
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();

        var response = await ws.Factory.WithToken(null).DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
