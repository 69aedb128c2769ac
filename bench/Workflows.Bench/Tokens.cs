using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflows.Bench;

/// <summary>
/// HS256 tokens shaped as the service's Development authentication accepts them (issuer
/// <c>dotnet-user-jwts</c>, its audience, <c>oid</c>, <c>tid</c> and <c>scp</c>), signed with a key made
/// for this run and handed to the service (and the JWT baseline) through configuration.
/// </summary>
public sealed class Tokens
{
    public const string Issuer = "dotnet-user-jwts";
    public const string Audience = "http://localhost:5080";
    public const string TenantId = "be4c0000-0000-4000-8000-0000000000f1";
    public const string AllScopes = "workflows:read workflows:write workflows:admin";

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Signs list cursors in the service, and in the baseline that must write the same ones.</summary>
    public byte[] CursorKey { get; } = RandomNumberGenerator.GetBytes(32);

    public string For(string objectId)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("oid", objectId), new Claim("sub", objectId), new Claim("tid", TenantId), new Claim("scp", AllScopes)]),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now.AddHours(3),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The settings that make the service trust these tokens and sign cursors with <see cref="CursorKey"/>.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings() => new Dictionary<string, string>
    {
        ["AzureAd:TenantId"] = "",
        ["AzureAd:ClientId"] = "",
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(SigningKey),
        ["Paging:CursorKey"] = Convert.ToBase64String(CursorKey),
        ["Demo:Seed"] = "false",
        // wrk sends hundreds of thousands of requests as one caller: the benchmark measures the
        // service, not its rate limits.
        ["RateLimiting:PermitsPerMinute"] = "100000000",
        ["RateLimiting:WorkspacePermitsPerMinute"] = "100000000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
    };
}
