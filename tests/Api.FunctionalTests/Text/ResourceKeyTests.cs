using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.PhoneNumbers;
using Workflows.TestSupport.WorkspaceApi;

namespace Workflows.Api.FunctionalTests.Text;

/// <summary>
/// Inbox addresses are one inbox whatever their case; phone numbers are one number whatever their
/// spacing, stored in E.164.
/// </summary>
public sealed class ResourceKeyTests
{
    [TestCase("support@acme.example")]
    [TestCase("SUPPORT@ACME.EXAMPLE")]
    [TestCase("  support@Acme.Example ")]
    public async Task Inbox_WithAnExistingAddressInAnotherCase_Returns409_AndWritesNothing(string address)
    {
        var ws = await TestWorkspace.CreateAsync();
        var existing = await ws.CreateInboxAsync("Support@Acme.example");

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/inboxes", new { address });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_exists");
        Assert.That(existing.Address, Is.EqualTo("Support@Acme.example"), "the address keeps the spelling it was given");
        Assert.That(await ws.Factory.QueryAsync(db => db.Inboxes.CountAsync(i => i.WorkspaceId == ws.Workspace.Id)), Is.EqualTo(1));
    }

    [TestCase("+44 20 7123 4567")]
    [TestCase("+44 (20) 7123-4567")]
    [TestCase("+44.20.7123.4567")]
    public async Task PhoneNumber_WrittenWithSeparators_IsStoredInE164_AndIsTheSameNumber(string written)
    {
        var ws = await TestWorkspace.CreateAsync();

        var created = await ws.CreatePhoneNumberAsync(written);
        var again = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number = "+442071234567" });

        Assert.That(created.Number, Is.EqualTo("+442071234567"));
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_exists");
        var read = await ws.Admin.Client.GetJsonAsync<PhoneNumberResponse>($"{ws.Root}/phone-numbers/{created.Id}");
        Assert.That(read.Number, Is.EqualTo("+442071234567"));
    }

    [TestCase("442071234567", TestName = "without the plus")]
    [TestCase("0044 20 7123 4567", TestName = "with an international call prefix")]
    [TestCase("+44 20 7123 4567 ext 9", TestName = "with an extension")]
    [TestCase("+44 20 7123 4567\n", TestName = "with a line feed")]
    [TestCase("+1234567890123456", TestName = "with 16 digits")]
    public async Task PhoneNumber_NotInInternationalForm_Returns400NamingNumber(string number)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/phone-numbers", new { number });

        await response.ShouldBeValidationProblemAsync("number");
    }
}
