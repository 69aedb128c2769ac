using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workflows.TestSupport.Contract;

namespace Workflows.TestSupport;

/// <summary>
/// The service as a developer runs it: Development, no Azure AD, accepting the tokens that
/// <c>dotnet user-jwts create</c> mints (issuer <c>dotnet-user-jwts</c>, a signing key from the
/// <c>Authentication:Schemes:Bearer:SigningKeys</c> settings the tool writes, one <c>scope</c>
/// claim per scope). Its own SQLite file; start it only where a test needs it.
/// </summary>
public sealed class UserJwtsApiFactory : WebApplicationFactory<Program>
{
    public const string Issuer = "dotnet-user-jwts";
    public const string Audience = "http://localhost:5080";

    internal static readonly SymmetricSecurityKey SigningKey =
        new(System.Security.Cryptography.SHA256.HashData("functional-tests user-jwts key"u8));

    private readonly TestDatabase _database = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureAd:TenantId", "");
        builder.UseSetting("AzureAd:ClientId", "");
        builder.UseSetting("Database:Provider", _database.ProviderSetting);
        builder.UseSetting("ConnectionStrings:Workflows", _database.ConnectionString);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SigningKey.Key));
        builder.WithUnthrottledRateLimits();
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
    }

    /// <summary>A token shaped as <c>dotnet user-jwts create --scope … --claim oid=…</c> writes it.</summary>
    public static string Token(string objectId, params string[] scopes) => Token(objectId, withObjectId: true, scopes);

    /// <summary>As <see cref="Token(string, string[])"/>; without <paramref name="withObjectId"/>, as the tool writes it when no <c>--claim oid=…</c> is given.</summary>
    public static string Token(string objectId, bool withObjectId, params string[] scopes)
    {
        var claims = new List<Claim> { new("sub", objectId), new("unique_name", objectId) };
        if (withObjectId) claims.Add(new Claim("oid", objectId));
        claims.AddRange(scopes.Select(s => new Claim("scope", s)));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public HttpClient WithToken(string token)
    {
        var client = CreateDefaultClient(new ContractValidatingHandler());
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }
}
