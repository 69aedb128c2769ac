using System.Net;
using System.Text;
using Workflows.TestSupport.Contract;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// The check every test client runs (<see cref="ContractValidatingHandler"/>) reports what breaks
/// the document, so that it cannot pass everything: each case answers from a stub, not the service.
/// </summary>
public sealed class ContractValidationTests
{
    private const string Workspaces = "http://localhost/api/v2/workspaces";
    private const string EmptyPage = """{ "items": [], "nextCursor": null }""";

    [Test]
    public async Task ADocumentedAnswer_Passes()
    {
        using var client = Stub(HttpStatusCode.OK, EmptyPage, "application/json", ("RateLimit", "\"caller\";r=5;t=1"));

        var response = await client.GetAsync(Workspaces + "?limit=5");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void AnUndocumentedStatus_IsReported()
    {
        using var client = Stub(HttpStatusCode.Conflict, """{ "status": 409 }""", "application/problem+json");

        var error = Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync(Workspaces));

        Assert.That(error!.Message, Does.Contain("Workspaces_List").And.Contain("answered 409").And.Contain("status is not documented"));
    }

    [Test]
    public void AnUndeclaredHeader_IsReported()
    {
        using var client = Stub(HttpStatusCode.OK, EmptyPage, "application/json", ("X-Debug-Id", "7"));

        var error = Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync(Workspaces));

        Assert.That(error!.Message, Does.Contain("Workspaces_List").And.Contain("header X-Debug-Id: sent but not declared"));
    }

    [Test]
    public void AnEntityTagWhereNoneIsDeclared_IsReported()
    {
        using var client = Stub(HttpStatusCode.OK, EmptyPage, "application/json", ("ETag", "\"1\""));

        var error = Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync(Workspaces));

        Assert.That(error!.Message, Does.Contain("header ETag: sent but not declared"));
    }

    [Test]
    public void ABodyThatBreaksItsSchema_IsReported_WithItsPath()
    {
        using var client = Stub(HttpStatusCode.OK, """{ "items": "none", "nextCursor": null }""", "application/json");

        var error = Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync(Workspaces));

        Assert.That(error!.Message, Does.Contain("Workspaces_List").And.Contain("body at #/items"));
    }

    [Test]
    public void AnUndocumentedContentType_IsReported()
    {
        using var client = Stub(HttpStatusCode.OK, EmptyPage, "text/plain");

        var error = Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync(Workspaces));

        Assert.That(error!.Message, Does.Contain("content type 'text/plain"));
    }

    [Test]
    public void ARequestBreakingItsSchema_AnsweredWithSuccess_IsReported()
    {
        using var client = Stub(HttpStatusCode.Created, "{}", "application/json");

        var error = Assert.ThrowsAsync<ContractViolationException>(() =>
            client.PostAsync(Workspaces, new StringContent("""{ "name": 42 }""", Encoding.UTF8, "application/json")));

        Assert.That(error!.Message, Does.Contain("Workspaces_Create").And.Contain("not refused with a 4xx").And.Contain("body at #/name"));
    }

    [Test]
    public void AQueryParameterOutOfRange_AnsweredWithSuccess_IsReported()
    {
        using var client = Stub(HttpStatusCode.OK, EmptyPage, "application/json");

        var error = Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync(Workspaces + "?limit=0"));

        Assert.That(error!.Message, Does.Contain("not refused with a 4xx").And.Contain("query parameter limit"));
    }

    [Test]
    public void AnIdSpelledAsNoRouteTakesIt_AnsweredWithSuccess_IsReported()
    {
        using var client = Stub(HttpStatusCode.OK, """{ "status": "archived" }""", "application/json");

        var error = Assert.ThrowsAsync<ContractViolationException>(() =>
            client.PostAsync($"http://localhost/api/v2/w/{Guid.NewGuid()}/workflows/027/archive", null));

        Assert.That(error!.Message, Does.Contain("Workflows_Archive").And.Contain("path parameter workflow_id"));
    }

    [Test]
    public void ARequestOutsideTheDocument_AnsweredWithSuccess_IsReported()
    {
        using var client = Stub(HttpStatusCode.OK, "{}", "application/json");

        var error = Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync("http://localhost/api/v2/nothing-here"));

        Assert.That(error!.Message, Does.Contain("no documented operation"));
    }

    [Test]
    public async Task HealthChecks_AreNotChecked()
    {
        using var client = Stub(HttpStatusCode.OK, "Healthy", "text/plain", ("X-Anything", "1"));

        var response = await client.GetAsync("http://localhost/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static HttpClient Stub(HttpStatusCode status, string body, string contentType, params (string Name, string Value)[] headers) =>
        new(new ContractValidatingHandler { InnerHandler = new StubHandler(status, body, contentType, headers) });

    private sealed class StubHandler(HttpStatusCode status, string body, string contentType, (string Name, string Value)[] headers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType), RequestMessage = request };
            foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
            return Task.FromResult(response);
        }
    }
}
