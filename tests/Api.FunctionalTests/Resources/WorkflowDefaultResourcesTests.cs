using System.Net;
using Workflows.TestSupport.WorkspaceApi;
using Workflows.Application.Workflows;

namespace Workflows.Api.FunctionalTests.Resources;

/// <summary>A workflow's <c>defaultPhoneNumberId</c> and <c>defaultInboxId</c> name resources of its own workspace.</summary>
public sealed class WorkflowDefaultResourcesTests
{
    [Test]
    public async Task CreateWorkflow_WithTheWorkspacesPhoneNumberAndInbox_Returns201NamingThem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();
        var inbox = await ws.CreateInboxAsync();

        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Front desk", defaultPhoneNumberId = phone.Id, defaultInboxId = inbox.Id });

        Assert.That((workflow.DefaultPhoneNumberId, workflow.DefaultInboxId), Is.EqualTo(((long?)phone.Id, (long?)inbox.Id)));
        var read = await ws.GetWorkflowAsync(workflow.Id);
        Assert.That((read.DefaultPhoneNumberId, read.DefaultInboxId), Is.EqualTo(((long?)phone.Id, (long?)inbox.Id)));
    }

    [Test]
    public async Task CreateWorkflow_WithAnotherWorkspacesPhoneNumber_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreatePhoneNumberAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Front desk", defaultPhoneNumberId = foreign.Id });

        await response.ShouldBeValidationProblemAsync("defaultPhoneNumberId");
    }

    [Test]
    public async Task CreateWorkflow_WithAnotherWorkspacesInbox_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var foreign = await other.CreateInboxAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Front desk", defaultInboxId = foreign.Id });

        await response.ShouldBeValidationProblemAsync("defaultInboxId");
    }

    [Test]
    public async Task CreateWorkflow_WithUnknownPhoneNumber_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Front desk", defaultPhoneNumberId = 987654321L });

        await response.ShouldBeValidationProblemAsync("defaultPhoneNumberId");
    }

    [Test]
    public async Task CreateWorkflow_WithUnknownInbox_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Front desk", defaultInboxId = 987654321L });

        await response.ShouldBeValidationProblemAsync("defaultInboxId");
    }

    [Test]
    public async Task UpdateWorkflow_ToTheWorkspacesPhoneNumberAndInbox_Returns200NamingThem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var phone = await ws.CreatePhoneNumberAsync();
        var inbox = await ws.CreateInboxAsync();

        var updated = await ws.UpdateWorkflowAsync(workflow.Id, new { defaultPhoneNumberId = phone.Id, defaultInboxId = inbox.Id });

        Assert.That((updated.DefaultPhoneNumberId, updated.DefaultInboxId), Is.EqualTo(((long?)phone.Id, (long?)inbox.Id)));
    }

    [Test]
    public async Task UpdateWorkflow_ToAnotherWorkspacesPhoneNumber_Returns400_AndKeepsTheOldOne()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var own = await ws.CreatePhoneNumberAsync();
        var foreign = await other.CreatePhoneNumberAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Calls", defaultPhoneNumberId = own.Id });

        var response = await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}", new { defaultPhoneNumberId = foreign.Id });

        await response.ShouldBeValidationProblemAsync("defaultPhoneNumberId");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).DefaultPhoneNumberId, Is.EqualTo(own.Id));
    }

    [Test]
    public async Task UpdateWorkflow_ToAnotherWorkspacesInbox_Returns400_AndKeepsTheOldOne()
    {
        var ws = await TestWorkspace.CreateAsync();
        var other = await TestWorkspace.CreateAsync();
        var own = await ws.CreateInboxAsync();
        var foreign = await other.CreateInboxAsync();
        var workflow = await ws.CreateWorkflowAsync(body: new { name = "Mail", defaultInboxId = own.Id });

        var response = await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}", new { defaultInboxId = foreign.Id });

        await response.ShouldBeValidationProblemAsync("defaultInboxId");
        Assert.That((await ws.GetWorkflowAsync(workflow.Id)).DefaultInboxId, Is.EqualTo(own.Id));
    }

    [Test]
    public async Task UpdateWorkflow_ToADeletedInbox_Returns400()
    {
        var ws = await TestWorkspace.CreateAsync();
        var inbox = await ws.CreateInboxAsync();
        var delete = await ws.Admin.Client.DeleteAsync($"{ws.Root}/inboxes/{inbox.Id}");
        await delete.ShouldSucceedAsync();
        var workflow = await ws.CreateWorkflowAsync();

        var response = await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}", new { defaultInboxId = inbox.Id });

        await response.ShouldBeValidationProblemAsync("defaultInboxId");
    }

    [Test]
    public async Task CloneWorkflow_KeepsItsDefaults_SoTheResourcesStayInUse()
    {
        var ws = await TestWorkspace.CreateAsync();
        var phone = await ws.CreatePhoneNumberAsync();
        var source = await ws.CreateWorkflowAsync(body: new { name = "Calls", defaultPhoneNumberId = phone.Id });
        var clone = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows/{source.Id}/clone", new { name = "Calls (copy)" });
        await clone.ShouldSucceedAsync(HttpStatusCode.Created);
        var copy = await clone.ReadAsync<WorkflowResponse>();
        await ws.UpdateWorkflowAsync(source.Id, new { defaultPhoneNumberId = (long?)null });

        var response = await ws.Admin.Client.DeleteAsync($"{ws.Root}/phone-numbers/{phone.Id}");

        Assert.That(copy.DefaultPhoneNumberId, Is.EqualTo(phone.Id));
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "resource_in_use");
    }
}
