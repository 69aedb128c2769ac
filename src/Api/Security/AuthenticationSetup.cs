using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;
using Workflows.Infrastructure.Settings;

namespace Workflows.Api.Security;

public static class AuthenticationSetup
{
    /// <summary>
    /// Azure AD (Entra ID) bearer tokens through Microsoft.Identity.Web whenever the <c>AzureAd</c>
    /// section is filled in. Without it, Development accepts the SDK's <c>dotnet user-jwts</c>
    /// tokens (settings under <c>Authentication:Schemes:Bearer</c>) and every other environment
    /// refuses to start (<see cref="AzureAdOptions.Problem"/>, checked at start).
    /// </summary>
    public static IServiceCollection AddWorkflowsAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AzureAdOptions>()
            .Bind(configuration.GetSection(AzureAdOptions.Section))
            .Require(o => o.Problem(environment))
            .ValidateOnStart();

        var azureAd = AzureAdOptions.From(configuration);
        if (azureAd.IsConfigured)
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(configuration, "AzureAd");
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.MapInboundClaims = false;
                TokenRules.RequireObjectId(o);
                AcceptClientIdAndAudience(o, azureAd.ClientId!, azureAd.Audience);
            });
        }
        else if (environment.IsDevelopment())
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(o =>
                {
                    o.MapInboundClaims = false;
                    TokenRules.RequireObjectId(o);
                });
            // dotnet user-jwts writes its signing key to user secrets the first time it runs, which
            // may be after the service started: read the keys when a token arrives, not at start,
            // and keep them until the configuration changes.
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .PostConfigure<IConfiguration>((o, config) =>
                {
                    var keys = new DevelopmentSigningKeys(config);
                    o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => keys.Current;
                });
        }
        else
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme); // never serves: the start stops first
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHttpContextAccessor();
        services.AddScoped<Workflows.Application.Common.Interfaces.ICurrentUser, CurrentUser>();
        return services;
    }

    /// <summary>
    /// Entra ID puts the client id in the <c>aud</c> of v2.0 tokens and the App ID URI the caller
    /// asked for in v1.0 ones. Without <c>AzureAd:Audience</c>, Microsoft.Identity.Web expects
    /// exactly that (the client id from v2.0, <c>api://{client id}</c> from v1.0). With it, the
    /// bearer handler would take that one audience only and refuse every v2.0 token: both the
    /// client id and the configured audience are the service's.
    /// </summary>
    private static void AcceptClientIdAndAudience(JwtBearerOptions options, string clientId, string? audience)
    {
        if (string.IsNullOrWhiteSpace(audience)) return;
        options.TokenValidationParameters.ValidAudiences = audience == clientId ? [clientId] : [clientId, audience];
    }

    /// <summary>The keys of Development's tokens, read once and again only after the configuration changed.</summary>
    private sealed class DevelopmentSigningKeys
    {
        private readonly IConfiguration _configuration;
        private volatile List<SecurityKey>? _keys;

        public DevelopmentSigningKeys(IConfiguration configuration)
        {
            _configuration = configuration;
            Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => _keys = null);
        }

        public List<SecurityKey> Current => _keys ?? Load();

        private List<SecurityKey> Load()
        {
            var keys = SigningKeys(_configuration);
            if (keys.Count == 0)
            {
                // Created after the service started: the user secrets file is not being watched
                // yet. Not kept, so that a key written later is found.
                return SigningKeys(new ConfigurationBuilder().AddUserSecrets(typeof(AuthenticationSetup).Assembly, optional: true).Build());
            }
            _keys = keys;
            return keys;
        }
    }

    private static List<SecurityKey> SigningKeys(IConfiguration configuration) =>
        configuration.GetSection("Authentication:Schemes:Bearer:SigningKeys").GetChildren()
            .Where(k => !string.IsNullOrEmpty(k["Value"]))
            .Select(k => (SecurityKey)new SymmetricSecurityKey(Convert.FromBase64String(k["Value"]!)) { KeyId = k["Id"] })
            .ToList();
}
