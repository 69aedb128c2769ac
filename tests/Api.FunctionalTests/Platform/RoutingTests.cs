using System.Net;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>Addresses and methods the service does not serve: problem bodies, never a bare status or a 500.</summary>
public sealed class RoutingTests
{
    [Test]
    public async Task UnknownRoute_Returns404Problem()
    {
        var client = Testing.Factory.ClientFor(Guid.NewGuid().ToString());

        var response = await client.GetAsync("api/v2/no-such-thing");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task UnknownRouteUnderAWorkspace_Returns404Problem()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Admin.Client.GetAsync($"{ws.Root}/no-such-resource");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task WrongMethod_Returns405Problem_WithAllow()
    {
        var client = Testing.Factory.ClientFor(Guid.NewGuid().ToString());

        var response = await client.DeleteAsync("api/v2/workspaces");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "POST" }));
    }

    [Test]
    public async Task WrongMethodOnATask_Returns405Problem()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var task = await ws.AddTaskAsync(workflow.Id, "Patched");

        var response = await ws.Admin.Client.PatchAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{task.Id}",
            new StringContent("""{"name":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}
