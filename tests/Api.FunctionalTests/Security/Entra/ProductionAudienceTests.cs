using System.Net;

namespace Workflows.Api.FunctionalTests.Security.Entra;

/// <summary>
/// Production with <c>AzureAd:Audience</c> set to the App ID URI: tokens for the App ID URI and
/// for the client id are both the service's; any other audience is not.
/// </summary>
[NonParallelizable]
public sealed class ProductionAudienceTests
{
    private const string Tenant = ProductionIdentityFactory.TenantId;
    private EntraStandIn _entra = null!;
    private ProductionIdentityFactory _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _entra = await EntraStandIn.StartAsync();
        _service = new ProductionIdentityFactory(_entra, audience: ProductionIdentityFactory.AppIdUri);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _service.Dispose();
        await _entra.DisposeAsync();
    }

    [TestCase("2.0", ProductionIdentityFactory.ClientId)]
    [TestCase("2.0", ProductionIdentityFactory.AppIdUri)]
    [TestCase("1.0", ProductionIdentityFactory.AppIdUri)]
    [TestCase("1.0", ProductionIdentityFactory.ClientId)]
    public async Task Token_ForTheClientIdOrTheAppIdUri_IsAccepted(string version, string audience)
    {
        var token = _entra.Token(new TokenShape(Tenant, audience, version));

        var response = await _service.WithToken(token).GetAsync("api/v2/workspaces");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), response.Headers.WwwAuthenticate.ToString());
    }

    [TestCase("2.0")]
    [TestCase("1.0")]
    public async Task Token_ForAnotherAudience_IsRefused(string version)
    {
        var token = _entra.Token(new TokenShape(Tenant, "api://another-api", version));

        var response = await _service.WithToken(token).GetAsync("api/v2/workspaces");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("audience"));
    }
}
