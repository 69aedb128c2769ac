using NSwag;
using NSwag.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Workflows.Application.Common.Security;

namespace Workflows.Api.OpenApi;

/// <summary>
/// How callers authenticate, as the document says it: Azure AD (Entra ID) through the OAuth2
/// authorization code flow with the API's scopes, or any bearer token they already hold.
/// </summary>
/// <remarks>
/// The checked-in document names no tenant (<c>organizations</c>) and the scopes by their short
/// names, as tokens carry them in <c>scp</c>. The served document names the configured tenant and
/// the scopes as Azure AD expects them in an authorization request (<c>{App ID URI}/workflows:read</c>),
/// so that Swagger UI can sign in against the service's own app registration.
/// </remarks>
public static class AzureAdSecurity
{
    public const string OAuth2 = "AzureAD";
    public const string Bearer = "Bearer";
    private const string DefaultInstance = "https://login.microsoftonline.com/";
    private const string AnyTenant = "organizations";

    public static readonly IReadOnlyDictionary<string, string> Scopes = new Dictionary<string, string>
    {
        [Workflows.Application.Common.Security.Scopes.Read] = "Read workflows, tasks, members and templates.",
        [Workflows.Application.Common.Security.Scopes.Write] = "Create, change, archive and clone workflows; manage tasks and members (includes read).",
        [Workflows.Application.Common.Security.Scopes.Admin] = "Delete workflows (includes write).",
    };

    public static IReadOnlyDictionary<string, OpenApiSecurityScheme> Schemes(string instance = DefaultInstance, string tenant = AnyTenant) =>
        new Dictionary<string, OpenApiSecurityScheme>
        {
            [OAuth2] = new()
            {
                Type = OpenApiSecuritySchemeType.OAuth2,
                Description = "Azure AD (Microsoft Entra ID): a person signs in with the authorization code flow (with PKCE). " +
                    "Daemon apps use the client credentials flow and carry the same permissions as app roles.",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = $"{instance}{tenant}/oauth2/v2.0/authorize",
                        TokenUrl = $"{instance}{tenant}/oauth2/v2.0/token",
                        Scopes = Scopes.ToDictionary(),
                    },
                },
            },
            [Bearer] = new()
            {
                Type = OpenApiSecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An Azure AD access token for this API, sent as 'Authorization: Bearer <token>'.",
            },
        };

    /// <summary>The security of one operation: the OAuth2 scope it needs, or a bearer token that carries it.</summary>
    public sealed class OperationProcessor : IOperationProcessor
    {
        public bool Process(OperationProcessorContext context)
        {
            var scope = context.MethodInfo.GetCustomAttributes(typeof(TokenScopeAttribute), false) is [TokenScopeAttribute attribute]
                ? attribute.Scope
                : context.OperationDescription.Method == OpenApiOperationMethod.Get ? Scope.Read : Scope.Write;
            context.OperationDescription.Operation.Security =
            [
                new OpenApiSecurityRequirement { [OAuth2] = [Workflows.Application.Common.Security.Scopes.Name(scope)] },
                new OpenApiSecurityRequirement { [Bearer] = [] },
            ];
            return true;
        }
    }

    /// <summary>Adds the schemes to the generated document.</summary>
    public sealed class DocumentProcessor : IDocumentProcessor
    {
        public void Process(DocumentProcessorContext context)
        {
            foreach (var (name, scheme) in Schemes())
                context.Document.SecurityDefinitions[name] = scheme;
        }
    }

    /// <summary>
    /// Points the served document at the configured tenant and App ID URI. Idempotent: the
    /// middleware may hand the same document to it more than once.
    /// </summary>
    public static void ForConfiguredTenant(OpenApiDocument document, IConfiguration configuration)
    {
        var azureAd = configuration.GetSection("AzureAd");
        if (string.IsNullOrWhiteSpace(azureAd["TenantId"]) || string.IsNullOrWhiteSpace(azureAd["ClientId"])) return;
        var instance = azureAd["Instance"] is { Length: > 0 } i ? i.TrimEnd('/') + "/" : DefaultInstance;
        var appIdUri = AppIdUri(configuration);

        var flow = Schemes(instance, azureAd["TenantId"]!)[OAuth2].Flows.AuthorizationCode;
        var served = document.SecurityDefinitions[OAuth2].Flows.AuthorizationCode;
        served.AuthorizationUrl = flow.AuthorizationUrl;
        served.TokenUrl = flow.TokenUrl;
        served.Scopes = Scopes.ToDictionary(s => $"{appIdUri}/{s.Key}", s => s.Value);

        foreach (var requirement in document.Operations.SelectMany(o => o.Operation.Security ?? []))
        {
            if (requirement.TryGetValue(OAuth2, out var scopes))
                requirement[OAuth2] = scopes.Select(s => s.StartsWith(appIdUri + "/", StringComparison.Ordinal) ? s : $"{appIdUri}/{s}").ToList();
        }
    }

    /// <summary>Swagger UI signs in as the configured client (a SPA registration; by default the API's own) with PKCE.</summary>
    public static void ConfigureSwaggerUi(SwaggerUiSettings settings, IConfiguration configuration)
    {
        var clientId = configuration["OpenApi:ClientId"] is { Length: > 0 } id ? id : configuration["AzureAd:ClientId"];
        if (string.IsNullOrWhiteSpace(clientId)) return;
        settings.OAuth2Client = new OAuth2ClientSettings
        {
            ClientId = clientId,
            AppName = "Workflows API",
            UsePkceWithAuthorizationCodeGrant = true,
        };
        settings.OAuth2Client.Scopes.Add($"{AppIdUri(configuration)}/{Workflows.Application.Common.Security.Scopes.Read}");
    }

    /// <summary>The API's App ID URI: the configured audience when it is one, else <c>api://{ClientId}</c>.</summary>
    private static string AppIdUri(IConfiguration configuration) =>
        configuration["AzureAd:Audience"] is { } audience && audience.Contains("://", StringComparison.Ordinal)
            ? audience.TrimEnd('/')
            : $"api://{configuration["AzureAd:ClientId"]}";
}
