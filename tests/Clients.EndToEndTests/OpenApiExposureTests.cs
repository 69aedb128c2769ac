using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflows.TestSupport;
using Workflows.Clients.EndToEndTests.Infrastructure;

namespace Workflows.Clients.EndToEndTests;

/// <summary>The document and Swagger UI are served in Development, and elsewhere only when OpenApi:Enabled says so.</summary>
public sealed class OpenApiExposureTests
{
    [TestCase("Development", null, true)]
    [TestCase("Production", null, false)]
    [TestCase("Production", "false", false)]
    [TestCase("Production", "true", true)]
    public async Task DocumentAndSwaggerUi_AreServedOnlyWhereTheyShouldBe(string environment, string? openApiEnabled, bool served)
    {
        await using var service = new LiveService(environment, openApiEnabled);
        // Over https, as behind the proxy that ends TLS: Production redirects plain http.
        using var http = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });
        // With a valid token, an address that is not served is a 404 (without one, every unknown
        // address is a 401: the service requires authentication by default).
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.ForPerson(Guid.NewGuid().ToString()));

        using var document = await http.GetAsync(new Uri("/openapi/v2.json", UriKind.Relative));
        using var ui = await http.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));

        var expected = served ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        Assert.That((document.StatusCode, ui.StatusCode), Is.EqualTo((expected, expected)));
        if (served)
        {
            Assert.That(await document.Content.ReadAsStringAsync(), Does.Contain("\"operationId\": \"Workflows_Delete\""));
            Assert.That(await ui.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
        }
    }
}
