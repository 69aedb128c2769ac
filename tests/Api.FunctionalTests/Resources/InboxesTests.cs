using Microsoft.EntityFrameworkCore;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Inboxes;
using Workflows.Application.Workflows;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.FunctionalTests.Resources;

/// <summary>GET|POST /api/v2/w/{workspace_uuid}/inboxes, GET|DELETE /inboxes/{inbox_id}</summary>
public sealed class InboxesTests : WorkspaceResourceTests<InboxResponse>
{
    protected override string Segment => "inboxes";
    protected override string KeyField => "address";
    protected override string WorkflowField => "defaultInboxId";

    protected override string NewKey() => WorkspaceResourcesExtensions.UniqueMailAddress();

    protected override Task<InboxResponse> CreateAsync(TestWorkspace ws, string? key = null) => ws.CreateInboxAsync(key);

    protected override Task<InboxResponse> CreateWithoutLabelAsync(TestWorkspace ws) => ws.CreateInboxAsync(label: null);

    protected override (long Id, string Key, string? Label, DateTime CreatedAt) Fields(InboxResponse inbox) =>
        (inbox.Id, inbox.Address, inbox.Label, inbox.CreatedAt);

    protected override Task<int> CountWithKeyAsync(WorkflowsDbContext db, string key) =>
        db.Inboxes.CountAsync(p => p.Address == key);

    protected override Task<int> CountInWorkspaceAsync(WorkflowsDbContext db, long workspaceId) =>
        db.Inboxes.CountAsync(p => p.WorkspaceId == workspaceId);

    protected override long? DefaultOf(WorkflowResponse workflow) => workflow.DefaultInboxId;

    [TestCase("support.example.com")]
    [TestCase("@example.com")]
    [TestCase("support@")]
    public async Task Create_AddressThatIsNotAMailAddress_Returns400(string address)
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync(Url(ws), new { address });

        await response.ShouldBeValidationProblemAsync("address");
    }

    [Test]
    public async Task Create_AddressLongerThan320_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync(Url(ws), new { address = new string('a', 310) + "@example.com" });

        await response.ShouldBeValidationProblemAsync("address");
    }
}
