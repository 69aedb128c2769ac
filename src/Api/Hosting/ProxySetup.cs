using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Workflows.Infrastructure.Settings;

namespace Workflows.Api.Hosting;

/// <summary>The <c>ForwardedHeaders</c> settings: the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies (e.g. <c>10.0.0.5</c>). With neither list, only loopback is trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in (CIDR, e.g. <c>172.16.0.0/12</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    public string? Problem()
    {
        foreach (var proxy in KnownProxies)
            if (!IPAddress.TryParse(proxy, out _))
                return $"{Section}:{nameof(KnownProxies)} lists '{proxy}', which is not an IP address.";
        foreach (var network in KnownNetworks)
            if (!System.Net.IPNetwork.TryParse(network, out _))
                return $"{Section}:{nameof(KnownNetworks)} lists '{network}', which is not a network in CIDR notation (such as 10.0.0.0/8).";
        return null;
    }
}

/// <summary>The <c>HttpsRedirection</c> settings.</summary>
public sealed class HttpsRedirectionSettings
{
    public const string Section = "HttpsRedirection";

    /// <summary>The port http requests are redirected to (the proxy's public https port).</summary>
    public int HttpsPort { get; set; } = 443;

    public string? Problem() =>
        HttpsPort is >= 1 and <= 65535 ? null : $"{Section}:{nameof(HttpsPort)} is {HttpsPort}; it must be a port from 1 to 65535.";
}

/// <summary>
/// Behind a reverse proxy that ends TLS: the client's address and scheme come from the proxy's
/// X-Forwarded-For and X-Forwarded-Proto, believed only from known proxies. In Production, http
/// requests are redirected to https and https answers carry Strict-Transport-Security; the health
/// endpoints answer plain http, since probes (the container's, the load balancer's) ask there.
/// </summary>
public static class ProxySetup
{
    public static IServiceCollection AddWorkflowsProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>()
            .Bind(configuration.GetSection(ForwardedHeadersSettings.Section))
            .Require(o => o.Problem())
            .ValidateOnStart();
        services.AddOptions<HttpsRedirectionSettings>()
            .Bind(configuration.GetSection(HttpsRedirectionSettings.Section))
            .Require(o => o.Problem())
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = settings.Value.KnownProxies;
            var networks = settings.Value.KnownNetworks;
            if (proxies.Length == 0 && networks.Length == 0) return; // loopback only, the default
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
            foreach (var network in networks) if (System.Net.IPNetwork.TryParse(network, out var parsed)) options.KnownIPNetworks.Add(parsed);
        });
        services.AddOptions<Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<HttpsRedirectionSettings>>((options, settings) => options.HttpsPort = settings.Value.HttpsPort);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseWorkflowsProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsProduction()) return app;
        app.UseHsts();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
        return app;
    }
}
