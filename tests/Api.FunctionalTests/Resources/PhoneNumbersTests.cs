using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Api.FunctionalTests.Infrastructure.WorkspaceApi;
using Workflows.Application.PhoneNumbers;

namespace Workflows.Api.FunctionalTests.Resources;

/// <summary>GET|POST /api/v2/w/{workspace_uuid}/phone-numbers, GET|DELETE /phone-numbers/{phone_number_id}</summary>
public sealed class PhoneNumbersTests
{
    // ---- create ------------------------------------------------------------------------------

    [Test]
    public async Task Create_Returns201WithTheNumber()
    {
        var ws = await TestWorkspace.CreateAsync();
        var number = WorkspaceResourcesExtensions.UniquePhoneNumber();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number, label = "Hotline" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var phone = await response.ReadAsync<PhoneNumberResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(phone.Id, Is.Positive);
            Assert.That((phone.Number, phone.Label), Is.EqualTo((number, (string?)"Hotline")));
            Assert.That(phone.CreatedAt, Is.GreaterThan(DateTime.UtcNow.AddMinutes(-5)));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/{ws.Root}/phone-numbers/{phone.Id}"));
        });
    }

    [Test]
    public async Task Create_WithoutLabel_Returns201WithNullLabel()
    {
        var ws = await TestWorkspace.CreateAsync();

        var phone = await ws.CreatePhoneNumberAsync(label: null);

        Assert.That(phone.Label, Is.Null);
    }

    [Test]
    public async Task Create_NumberTheWorkspaceAlreadyHas_Returns409ResourceExists()
    {
        var ws = await TestWorkspace.CreateAsync();
        var existing = await ws.CreatePhoneNumberAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = existing.Number });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_exists");
        var stored = await ws.Factory.QueryAsync(db => db.PhoneNumbers.CountAsync(p => p.Number == existing.Number));
        Assert.That(stored, Is.EqualTo(1));
    }

    [Test]
    public async Task Create_NumberAnotherWorkspaceHas_Returns201()
    {
        var other = await TestWorkspace.CreateAsync();
        var theirs = await other.CreatePhoneNumberAsync();
        var ws = await TestWorkspace.CreateAsync();

        var ours = await ws.CreatePhoneNumberAsync(theirs.Number);

        Assert.Multiple(() =>
        {
            Assert.That(ours.Number, Is.EqualTo(theirs.Number));
            Assert.That(ours.Id, Is.Not.EqualTo(theirs.Id));
        });
    }

    [TestCase("02071234567")]
    [TestCase("+0123456789")]
    [TestCase("+44 20 7123 4567")]
    [TestCase("+12345")]
    [TestCase("+1234567890123456")]
    public async Task Create_NumberNotInE164_Returns400(string number)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number });

        await response.ShouldBeValidationProblemAsync("number");
    }

    [Test]
    public async Task Create_WithoutNumber_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { label = "No number" });

        await response.ShouldBeValidationProblemAsync("number");
    }

    [Test]
    public async Task Create_LabelLongerThan200_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers",
            new { number = WorkspaceResourcesExtensions.UniquePhoneNumber(), label = new string('l', 201) });

        await response.ShouldBeValidationProblemAsync("label");
    }

    [Test]
    public async Task Create_ByMember_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Member.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = WorkspaceResourcesExtensions.UniquePhoneNumber() });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var stored = await ws.Factory.QueryAsync(db => db.PhoneNumbers.CountAsync(p => p.WorkspaceId == ws.Workspace.Id));
        Assert.That(stored, Is.Zero);
    }

    [Test]
    public async Task Create_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var reader = ws.ClientWithScopes(ws.Admin, "workflows:read");

        var response = await reader.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = WorkspaceResourcesExtensions.UniquePhoneNumber() });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Create_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = WorkspaceResourcesExtensions.UniquePhoneNumber() });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Create_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).PostJsonAsync($"{ws.Root}/phone-numbers", new { number = WorkspaceResourcesExtensions.UniquePhoneNumber() });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- list --------------------------------------------------------------------------------

    [Test]
    public async Task List_ReturnsOnlyThisWorkspacesNumbers_InCreationOrder()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        await other.CreatePhoneNumberAsync();
        var first = await ws.CreatePhoneNumberAsync();
        var second = await ws.CreatePhoneNumberAsync();

        var page = await ws.Member.Client.GetJsonAsync<Page<PhoneNumberResponse>>($"{ws.Root}/phone-numbers");

        Assert.Multiple(() =>
        {
            Assert.That(page!.Items, Is.EqualTo(new[] { first, second }));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task List_PagedWithCursor_ReturnsEachNumberExactlyOnce()
    {
        var ws = await TestWorkspace.CreateAsync();
        var created = new List<long>();
        for (var i = 0; i < 5; i++) created.Add((await ws.CreatePhoneNumberAsync()).Id);

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ws.Admin.Client.GetJsonAsync<Page<PhoneNumberResponse>>(
                $"{ws.Root}/phone-numbers?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
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
        await ws.CreatePhoneNumberAsync();
        await ws.CreatePhoneNumberAsync();
        var page = await ws.Admin.Client.GetJsonAsync<Page<PhoneNumberResponse>>($"{ws.Root}/phone-numbers?limit=1");
        var forged = page!.NextCursor![..^2] + (page.NextCursor[^2] == 'A' ? "BA" : "AA");

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/phone-numbers?cursor={Uri.EscapeDataString(forged)}");

        await response.ShouldBeValidationProblemAsync("cursor");
    }

    [Test]
    public async Task List_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/phone-numbers");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task List_WithoutAnyWorkflowsScope_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "profile").GetAsync($"{ws.Root}/phone-numbers");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task List_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/phone-numbers");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---- get ---------------------------------------------------------------------------------

    [Test]
    public async Task Get_ByGuest_Returns200WithTheNumber()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();

        var response = await ws.Guest.Client.GetAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await response.ReadAsync<PhoneNumberResponse>(), Is.EqualTo(phone));
    }

    [Test]
    public async Task Get_UnknownNumber_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/phone-numbers/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_NumberOfAnotherWorkspace_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreatePhoneNumberAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/phone-numbers/{foreign.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Get_ByStranger_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();

        var response = await ws.Stranger.Client.GetAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    // ---- delete ------------------------------------------------------------------------------

    [Test]
    public async Task Delete_UnusedNumber_Returns200_AndTheNumberIsGone()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"success"}"""));
        var gone = await ws.Admin.Client.GetAsync($"{ws.Root}/phone-numbers/{phone.Id}");
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_NumberAWorkflowUsesAsDefault_Returns409ResourceInUse_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Calls", defaultPhoneNumberId = phone.Id });

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_in_use");
        var still = await ws.Admin.Client.GetAsync($"{ws.Root}/phone-numbers/{phone.Id}");
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).DefaultPhoneNumberId, Is.EqualTo(phone.Id));
    }

    [Test]
    public async Task Delete_NumberAnArchivedWorkflowUses_Returns409ResourceInUse()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Old calls", defaultPhoneNumberId = phone.Id });
        await ws.ArchiveWorkflowAsync(workflow.Id);

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_in_use");
    }

    [Test]
    public async Task Delete_AfterTheWorkflowStopsUsingIt_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Calls", defaultPhoneNumberId = phone.Id });
        await ws.UpdateWorkflowAsync(workflow.Id, new { defaultPhoneNumberId = (long?)null });

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Delete_ByMember_Returns403_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();

        var response = await ws.Member.Client.DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "access_denied");
        var still = await ws.Admin.Client.GetAsync($"{ws.Root}/phone-numbers/{phone.Id}");
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_ByAdminWithReadScopeOnly_Returns403()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();

        var response = await ws.ClientWithScopes(ws.Admin, "workflows:read").DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Test]
    public async Task Delete_UnknownNumber_Returns404()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/phone-numbers/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Delete_NumberOfAnotherWorkspace_Returns404_AndKeepsIt()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreatePhoneNumberAsync();

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/phone-numbers/{foreign.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var still = await other.Admin.Client.GetAsync($"{other.Root}/phone-numbers/{foreign.Id}");
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_WithoutToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();

        var response = await ws.Factory.WithToken(null).DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
