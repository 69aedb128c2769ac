using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflows.Api.FunctionalTests.Security.Entra;

/// <summary>
/// A local stand-in for Entra ID: an HTTPS server on a loopback port of its own (a certificate made
/// for it, trusted only by the handlers <see cref="CreateHandler"/> returns) serving, for every
/// tenant, the v2.0 and v1.0 OpenID configuration documents and a JWKS of RSA keys, the way
/// <c>login.microsoftonline.com</c> lays them out. It signs RS256 tokens shaped like Entra's, can
/// publish a new signing key, and can answer 503 or drop every connection. Every request it
/// receives is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class EntraStandIn : IAsyncDisposable
{
    /// <summary>The issuer of v1.0 tokens, whatever the instance (Entra's own, for every cloud tenant).</summary>
    public const string V1IssuerTemplate = "https://sts.windows.net/{0}/";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<string> _requests = new();
    private volatile RsaSecurityKey[] _keys;
    private volatile StandInMode _mode;

    // Microsoft.IdentityModel keeps one issuer validator per authority for the life of the process,
    // with the HTTP client of the host that made it: a path of its own keeps this stand-in's
    // authority from being one a stopped stand-in had, should the port come round again.
    private readonly string _path = Guid.NewGuid().ToString("N")[..12];

    private EntraStandIn(WebApplication app, X509Certificate2 certificate, StandInMode mode)
    {
        _app = app;
        _certificate = certificate;
        _mode = mode;
        _keys = [NewKey()];
    }

    /// <summary>The <c>AzureAd:Instance</c> to give the service: <c>https://127.0.0.1:{port}/{path}/</c>.</summary>
    public string Instance { get; private set; } = "";

    /// <summary>The key new tokens are signed with (the last one published).</summary>
    public RsaSecurityKey CurrentKey => _keys[^1];

    /// <summary>How it answers now.</summary>
    public StandInMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    /// <summary>Every request received, as <c>METHOD /path</c>, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>How many requests for a JWKS it answered with the keys.</summary>
    public int KeySetsServed => _keySetsServed;

    private int _keySetsServed;

    public static async Task<EntraStandIn> StartAsync(StandInMode mode = StandInMode.Answering)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }));
        var app = builder.Build();
        var standIn = new EntraStandIn(app, certificate, mode);
        app.Run(standIn.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.Instance = $"https://127.0.0.1:{new Uri(address).Port}/{standIn._path}/";
        return standIn;
    }

    /// <summary>
    /// A handler that trusts this stand-in's certificate (and no other untrusted one): what the
    /// service's backchannels use to reach it over HTTPS, as they reach Entra ID.
    /// </summary>
    public HttpMessageHandler CreateHandler()
    {
        var thumbprint = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None
                    || (certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint),
            },
        };
    }

    /// <summary>The published keys, oldest first.</summary>
    public IReadOnlyList<RsaSecurityKey> Keys => _keys;

    /// <summary>Publishes a signing key beside the current ones, as Entra ID does when it rolls its keys over.</summary>
    public void Publish(RsaSecurityKey key) => _keys = [.. _keys, key];

    /// <summary>A key of the same shape as the published ones, never published.</summary>
    public static RsaSecurityKey UnpublishedKey() => NewKey();

    /// <summary>The v2.0 issuer of a tenant at this instance.</summary>
    public string V2Issuer(string tenantId) => $"{Instance}{tenantId}/v2.0";

    /// <summary>The v1.0 issuer of a tenant.</summary>
    public static string V1Issuer(string tenantId) => string.Format(System.Globalization.CultureInfo.InvariantCulture, V1IssuerTemplate, tenantId);

    /// <summary>An access token as Entra issues it: RS256 with <c>kid</c>, <c>tid</c>, <c>oid</c>, <c>ver</c>, and <c>scp</c> or <c>roles</c>.</summary>
    public string Token(TokenShape shape)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["aud"] = shape.Audience,
            ["tid"] = shape.TenantId,
            ["oid"] = shape.ObjectId,
            ["sub"] = shape.ObjectId,
            ["ver"] = shape.Version,
        };
        if (shape.Roles is { } roles)
        {
            claims["roles"] = roles;
            claims["idtyp"] = "app";
        }
        else
        {
            claims["scp"] = shape.Scopes;
        }
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = shape.Version == "1.0" ? V1Issuer(shape.TenantId) : V2Issuer(shape.TenantId),
            Claims = claims,
            IssuedAt = shape.NotBefore ?? now.AddMinutes(-5),
            NotBefore = shape.NotBefore ?? now.AddMinutes(-5),
            Expires = shape.Expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(shape.Key ?? CurrentKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.Enqueue($"{context.Request.Method} {path}");
        switch (_mode)
        {
            case StandInMode.Unreachable:
                context.Abort();
                return;
            case StandInMode.Unavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
        }

        // /{path}/{tenant}/v2.0/.well-known/openid-configuration, /{path}/{tenant}/.well-known/openid-configuration,
        // /{path}/{tenant}/discovery/v2.0/keys, /{path}/{tenant}/discovery/keys
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 3 || segments[0] != _path)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var tenant = segments[1];
        var rest = string.Join('/', segments[2..]);
        object? document = rest switch
        {
            "v2.0/.well-known/openid-configuration" => Metadata(tenant, V2Issuer(tenant), $"{Instance}{tenant}/discovery/v2.0/keys"),
            ".well-known/openid-configuration" => Metadata(tenant, V1Issuer(tenant), $"{Instance}{tenant}/discovery/keys"),
            "discovery/v2.0/keys" => KeySet($"{Instance}{{tenantid}}/v2.0"),
            "discovery/keys" => KeySet(null),
            _ => null,
        };
        if (document is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (rest.Contains("keys", StringComparison.Ordinal)) Interlocked.Increment(ref _keySetsServed);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(document));
    }

    private object Metadata(string tenant, string issuer, string jwksUri) => new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = jwksUri,
        ["authorization_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/authorize",
        ["token_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/token",
        ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["tenant_region_scope"] = "EU",
        ["cloud_instance_name"] = "microsoftonline.com",
    };

    private object KeySet(string? keyIssuer) => new Dictionary<string, object>
    {
        ["keys"] = _keys.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(false);
            var jwk = new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            if (keyIssuer is not null) jwk["issuer"] = keyIssuer;
            return jwk;
        }).ToArray(),
    };

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(15)) };

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Entra ID stand-in", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}

/// <summary>How the stand-in answers.</summary>
public enum StandInMode
{
    /// <summary>Serves the metadata and keys.</summary>
    Answering,

    /// <summary>Answers every request with 503.</summary>
    Unavailable,

    /// <summary>Drops every connection without an answer, as an unreachable host would.</summary>
    Unreachable,
}

/// <summary>What a token says. <see cref="Version"/> <c>"2.0"</c> gives the v2.0 issuer, <c>"1.0"</c> the v1.0 one.</summary>
public sealed record TokenShape(string TenantId, string Audience, string Version = "2.0")
{
    public string ObjectId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The delegated permissions, space-separated in one <c>scp</c> string, as Entra ID writes them.</summary>
    public string Scopes { get; init; } = TestTokens.AllScopes;

    /// <summary>Application permissions: when set, an app-only token with <c>roles</c> and no <c>scp</c>.</summary>
    public string[]? Roles { get; init; }

    public RsaSecurityKey? Key { get; init; }

    public DateTime? NotBefore { get; init; }

    public DateTime? Expires { get; init; }
}
