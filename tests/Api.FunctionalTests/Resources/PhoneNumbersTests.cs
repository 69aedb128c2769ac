using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.PhoneNumbers;
using Workflows.Application.Workflows;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.FunctionalTests.Resources;

/// <summary>GET|POST /api/v2/w/{workspace_uuid}/phone-numbers, GET|DELETE /phone-numbers/{phone_number_id}</summary>
public sealed class PhoneNumbersTests : WorkspaceResourceTests<PhoneNumberResponse>
{
    protected override string Segment => "phone-numbers";
    protected override string KeyField => "number";
    protected override string WorkflowField => "defaultPhoneNumberId";

    protected override string NewKey() => WorkspaceResourcesExtensions.UniquePhoneNumber();

    protected override Task<PhoneNumberResponse> CreateAsync(TestWorkspace ws, string? key = null) => ws.CreatePhoneNumberAsync(key);

    protected override Task<PhoneNumberResponse> CreateWithoutLabelAsync(TestWorkspace ws) => ws.CreatePhoneNumberAsync(label: null);

    protected override (long Id, string Key, string? Label, DateTime CreatedAt) Fields(PhoneNumberResponse phone) =>
        (phone.Id, phone.Number, phone.Label, phone.CreatedAt);

    protected override Task<int> CountWithKeyAsync(WorkflowsDbContext db, string key) =>
        db.PhoneNumbers.CountAsync(p => p.Number == key);

    protected override Task<int> CountInWorkspaceAsync(WorkflowsDbContext db, long workspaceId) =>
        db.PhoneNumbers.CountAsync(p => p.WorkspaceId == workspaceId);

    protected override long? DefaultOf(WorkflowResponse workflow) => workflow.DefaultPhoneNumberId;

    [TestCase("02071234567")]
    [TestCase("+0123456789")]
    [TestCase("+44/20/71234567")]
    [TestCase("+12345")]
    [TestCase("+1234567890123456")]
    public async Task Create_NumberNotInE164_Returns400(string number)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync(Url(ws), new { number });

        await response.ShouldBeValidationProblemAsync("number");
    }
}
