using System.Net;

namespace Workflows.Api.FunctionalTests.Security.Entra;

/// <summary>
/// The identity path of Production, end to end without the internet: the service in its Production
/// configuration fetches Entra ID's metadata and keys from an <see cref="EntraStandIn"/> and
/// validates RS256 tokens with them through Microsoft.Identity.Web, as it does against Entra ID.
/// </summary>
[NonParallelizable]
public sealed class ProductionIdentityTests
{
    private const string Workspaces = "api/v2/workspaces";
    private const string Tenant = ProductionIdentityFactory.TenantId;
    private const string OtherTenant = "d4c3b2a1-0f9e-4d8c-b7a6-5e4d3c2b1a09";
    private EntraStandIn _entra = null!;
    private ProductionIdentityFactory _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _entra = await EntraStandIn.StartAsync();
        _service = new ProductionIdentityFactory(_entra);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _service.Dispose();
        await _entra.DisposeAsync();
    }

    [Test]
    public async Task V2Token_OfTheTenant_ForTheClientId_IsAccepted()
    {
        var client = _service.WithToken(_entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId, "2.0")));

        var created = await client.PostJsonAsync(Workspaces, new { name = "Signed by the stand-in" });
        var listed = await client.GetAsync(Workspaces);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), Explain(created));
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), Explain(listed));
        Assert.That(_entra.Requests, Has.Some.EndsWith($"/{Tenant}/v2.0/.well-known/openid-configuration"), "the metadata came from the stand-in");
        Assert.That(_entra.Requests, Has.Some.EndsWith($"/{Tenant}/discovery/v2.0/keys"), "the keys came from the stand-in");
    }

    [Test]
    public async Task V1Token_OfTheTenant_ForTheAppIdUri_IsAccepted()
    {
        var token = _entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.AppIdUri, "1.0"));

        var response = await _service.WithToken(token).GetAsync(Workspaces);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), Explain(response));
        Assert.That(_entra.Requests, Has.Some.EndsWith($"/{Tenant}/.well-known/openid-configuration"),
            "the v1.0 issuer was checked against the v1.0 metadata");
    }

    [TestCase("2.0", ProductionIdentityFactory.ClientId)]
    [TestCase("1.0", ProductionIdentityFactory.AppIdUri)]
    public async Task AppOnlyToken_WithRoles_IsAccepted(string version, string audience)
    {
        var token = _entra.Token(new TokenShape(Tenant, audience, version) { Roles = TestTokens.AllScopes.Split(' ') });

        var response = await _service.WithToken(token).GetAsync(Workspaces);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), Explain(response));
    }

    [TestCase("2.0", ProductionIdentityFactory.ClientId)]
    [TestCase("1.0", ProductionIdentityFactory.AppIdUri)]
    public async Task Token_OfAnotherTenant_IsRefused(string version, string audience)
    {
        var token = _entra.Token(new TokenShape(OtherTenant, audience, version));

        var response = await _service.WithToken(token).GetAsync(Workspaces);

        await ShouldBeRefusedAsync(response, "issuer");
    }

    [TestCase("2.0", "api://another-api")]
    [TestCase("1.0", "api://another-api")]
    [TestCase("2.0", "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910")]
    public async Task Token_ForAnotherAudience_IsRefused(string version, string audience)
    {
        var token = _entra.Token(new TokenShape(Tenant, audience, version));

        var response = await _service.WithToken(token).GetAsync(Workspaces);

        await ShouldBeRefusedAsync(response, "audience");
    }

    [Test]
    public async Task ExpiredToken_IsRefused()
    {
        var token = _entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId)
        {
            NotBefore = DateTime.UtcNow.AddHours(-3),
            Expires = DateTime.UtcNow.AddHours(-1),
        });

        var response = await _service.WithToken(token).GetAsync(Workspaces);

        await ShouldBeRefusedAsync(response, "expired");
    }

    [Test]
    public async Task Token_SignedByAnotherKeyUnderAPublishedKid_IsRefused()
    {
        var forged = EntraStandIn.UnpublishedKey();
        forged.KeyId = _entra.CurrentKey.KeyId;
        var token = _entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId) { Key = forged });

        var response = await _service.WithToken(token).GetAsync(Workspaces);

        await ShouldBeRefusedAsync(response, "signature");
    }

    [Test]
    public async Task Token_SignedByAnUnpublishedKey_IsRefused()
    {
        var token = _entra.Token(new TokenShape(Tenant, ProductionIdentityFactory.ClientId) { Key = EntraStandIn.UnpublishedKey() });

        var response = await _service.WithToken(token).GetAsync(Workspaces);

        await ShouldBeRefusedAsync(response, "signature");
    }

    private async Task ShouldBeRefusedAsync(HttpResponseMessage response, string why)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        var challenge = response.Headers.WwwAuthenticate.ToString();
        TestContext.Out.WriteLine(challenge);
        Assert.That(challenge, Does.Contain("invalid_token").And.Contain(why).IgnoreCase, Explain(response));
    }

    private string Explain(HttpResponseMessage response) =>
        $"{response.Headers.WwwAuthenticate}\n{string.Join("\n", _service.Logs.Entries)}\n-- stand-in --\n{string.Join("\n", _entra.Requests)}";
}
