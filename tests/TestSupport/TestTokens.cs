using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Workflows.TestSupport;

/// <summary>
/// Signs real JWTs the way Azure AD shapes them (iss per tenant, tid, oid, scp or roles), with a
/// key the test host trusts (see <see cref="TrustTestTokens"/>). The service validates them through
/// Microsoft.Identity.Web's own bearer handler and issuer validator.
/// </summary>
public static class TestTokens
{
    public const string TenantId = "8f1d3c55-5d2b-4c7e-9a0e-2b7c6f1e4a10";
    public const string ClientId = "3a9b2f64-7c1e-4d8a-b5f0-6e2d9c4a1b37";
    public const string Audience = "api://workflows-api";
    public static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    public const string IssuerTemplate = "https://login.microsoftonline.com/{tenantid}/v2.0";

    public static readonly SymmetricSecurityKey SigningKey =
        new(Convert.FromBase64String("q3xQ0c1k2Vw7yJm9tB4sR6uE8aD5fG1hK3lN7pZ0xC2vB4nM6qW8eR0tY2uI4oP6")) { KeyId = "functional-tests" };

    public const string AllScopes = "workflows:read workflows:write workflows:admin";

    /// <summary>
    /// Configures Azure AD for this tenant, client and audience, and points the bearer handler at
    /// <see cref="SigningKey"/> and <see cref="IssuerTemplate"/>: the host accepts the tokens signed
    /// here and fetches no metadata.
    /// </summary>
    public static IWebHostBuilder TrustTestTokens(this IWebHostBuilder builder)
    {
        builder.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
        builder.UseSetting("AzureAd:TenantId", TenantId);
        builder.UseSetting("AzureAd:ClientId", ClientId);
        builder.UseSetting("AzureAd:Audience", Audience);
        return builder.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                options.Configuration.SigningKeys.Add(SigningKey);
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(options.Configuration);
                options.TokenValidationParameters.IssuerSigningKey = SigningKey;
                options.TokenValidationParameters.ValidIssuers = [IssuerTemplate];
                options.RequireHttpsMetadata = false;
            }));
    }

    /// <summary>A delegated (person) token with the given space-separated scopes.</summary>
    public static string ForPerson(string objectId, string? scopes = AllScopes, string? name = null) =>
        Create(objectId, scopes is null ? [] : [new Claim("scp", scopes)], name);

    /// <summary>An application (daemon) token whose permissions are app roles.</summary>
    public static string ForDaemon(string objectId, params string[] roles) =>
        Create(objectId, roles.Select(r => new Claim("roles", r)).Append(new Claim("idtyp", "app")).ToArray(), null);

    public static string Create(
        string objectId,
        IReadOnlyCollection<Claim> permissionClaims,
        string? name,
        string? issuer = null,
        string? audience = null,
        DateTime? notBefore = null,
        DateTime? expires = null,
        SigningCredentials? credentials = null,
        string? tenantId = TenantId,
        bool withObjectId = true)
    {
        var claims = new List<Claim> { new("sub", objectId) };
        if (withObjectId) claims.Add(new Claim("oid", objectId));
        if (tenantId is not null) claims.Add(new Claim("tid", tenantId));
        if (name is not null) claims.Add(new Claim("name", name));
        claims.AddRange(permissionClaims);
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = notBefore ?? now.AddMinutes(-5),
            IssuedAt = (notBefore ?? now).AddMinutes(-5),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = credentials ?? new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
