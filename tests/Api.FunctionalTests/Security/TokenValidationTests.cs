using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Workflows.Api.FunctionalTests.Security;

/// <summary>
/// Bearer tokens the service must refuse: each answers 401 with a problem body, on a route the
/// token's subject could otherwise read (the same call with a good token answers 200).
/// </summary>
public sealed class TokenValidationTests
{
    [Test]
    public async Task GoodToken_Returns200()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await CallAsync(ws, TestTokens.ForPerson(ws.Admin.ObjectId));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the baseline every attack below is measured against");
    }

    [Test]
    public async Task MissingToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await CallAsync(ws, null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [Test]
    public async Task MalformedToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await CallAsync(ws, "not-a-jwt");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task ExpiredToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, Scopes(), null,
            notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-1));

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task NotYetValidToken_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, Scopes(), null,
            notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2));

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task TokenForAnotherAudience_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, Scopes(), null, audience: "api://another-api");

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task TokenFromAnotherIssuer_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, Scopes(), null, issuer: $"https://sts.example.com/{TestTokens.TenantId}/v2.0");

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task UnsignedTokenWithAlgNone_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await CallAsync(ws, ForgedTokens.WithAlgNone(ws.Admin.ObjectId));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task TokenWithPayloadEditedAfterSigning_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var signed = TestTokens.ForPerson(ws.Stranger.ObjectId);
        var token = ForgedTokens.WithPayloadEdited(signed, payload => payload.Replace(ws.Stranger.ObjectId, ws.Admin.ObjectId, StringComparison.Ordinal));

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task TokenWithSignatureAltered_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var parts = TestTokens.ForPerson(ws.Admin.ObjectId).Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var token = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task TokenSignedWithAnotherKey_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var otherKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(48)) { KeyId = TestTokens.SigningKey.KeyId };
        var token = TestTokens.Create(ws.Admin.ObjectId, Scopes(), null,
            credentials: new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256));

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task TokenWithoutScopesOrRoles_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();
        var token = TestTokens.Create(ws.Admin.ObjectId, [], null);

        var response = await CallAsync(ws, token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task TokenInQueryString_Returns401()
    {
        var ws = await TestWorkspace.CreateAsync();

        var response = await ws.Factory.WithToken(null)
            .GetAsync($"{ws.Root}/workflows?access_token={TestTokens.ForPerson(ws.Admin.ObjectId)}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static Claim[] Scopes() => [new Claim("scp", TestTokens.AllScopes)];

    private static Task<HttpResponseMessage> CallAsync(TestWorkspace ws, string? token) =>
        ws.Factory.WithToken(token).GetAsync($"{ws.Root}/workflows");
}
