namespace Workflows.Api.Security;

/// <summary>The <c>AzureAd</c> settings this service reads itself (Microsoft.Identity.Web reads the section too).</summary>
public sealed class AzureAdOptions
{
    public const string Section = "AzureAd";

    public string? Instance { get; set; }
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? Authority { get; set; }
    public string? Audience { get; set; }

    /// <summary>The one rule: a client id, and a tenant id or an authority.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && (!string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(Authority));

    public static AzureAdOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AzureAdOptions>() ?? new AzureAdOptions();

    /// <summary>Outside Development only Azure AD tokens are accepted: without the settings, nothing could sign in.</summary>
    public string? Problem(IHostEnvironment environment) =>
        IsConfigured || environment.IsDevelopment()
            ? null
            : "AzureAd is not configured: set AzureAd:Instance, AzureAd:TenantId and AzureAd:ClientId " +
              "(or AzureAd__TenantId, AzureAd__ClientId as environment variables). Outside Development the " +
              "service accepts only Azure AD tokens and will not start without them.";
}
