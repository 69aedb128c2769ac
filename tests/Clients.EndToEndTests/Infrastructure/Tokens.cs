using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflows.Clients.EndToEndTests.Infrastructure;

/// <summary>
/// Signs JWTs shaped like Azure AD's (issuer per tenant, tid, oid, scp) with a key the service
/// under test trusts; the service validates them through Microsoft.Identity.Web's own handler.
/// </summary>
public static class Tokens
{
    public const string TenantId = "8f1d3c55-5d2b-4c7e-9a0e-2b7c6f1e4a10";
    public const string ClientId = "3a9b2f64-7c1e-4d8a-b5f0-6e2d9c4a1b37";
    public const string Audience = "api://workflows-api";
    public const string IssuerTemplate = "https://login.microsoftonline.com/{tenantid}/v2.0";
    public static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";

    public static readonly SymmetricSecurityKey SigningKey =
        new(Convert.FromBase64String("q3xQ0c1k2Vw7yJm9tB4sR6uE8aD5fG1hK3lN7pZ0xC2vB4nM6qW8eR0tY2uI4oP6")) { KeyId = "client-tests" };

    public const string AllScopes = "workflows:read workflows:write workflows:admin";

    /// <summary>A delegated (person) token with the given space-separated scopes.</summary>
    public static string ForPerson(string objectId, string scopes = AllScopes)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim("oid", objectId), new Claim("sub", objectId), new Claim("tid", TenantId), new Claim("scp", scopes),
            ]),
            NotBefore = now.AddMinutes(-5),
            IssuedAt = now.AddMinutes(-5),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
