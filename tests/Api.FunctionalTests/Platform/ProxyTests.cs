using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// In Production, behind a proxy that ends TLS: X-Forwarded-Proto is believed from a known proxy
/// only; https answers carry HSTS; plain http is redirected to https, except the health endpoints.
/// </summary>
public sealed class ProxyTests
{
    private const string Proxy = "10.0.0.5";
    private const string Stranger = "203.0.113.7";

    [Test]
    public async Task FromAKnownProxy_ForwardedHttps_IsServed_WithHsts()
    {
        using var factory = ProductionBehindProxy(peer: Proxy);
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("api/v2/workspaces", forwardedProto: "https"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "served (no token), not redirected");
            Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.True);
            Assert.That(string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), Does.Contain("max-age=31536000"));
        });
    }

    [Test]
    public async Task FromAKnownProxy_PlainHttp_IsRedirectedToHttps()
    {
        using var factory = ProductionBehindProxy(peer: Proxy);
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("api/v2/workspaces", forwardedProto: "http"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
            Assert.That(response.Headers.Location, Is.EqualTo(new Uri("https://api.example.com/api/v2/workspaces")));
            Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, "HSTS is sent over https only");
        });
    }

    [Test]
    public async Task FromAnUnknownAddress_ForwardedHeaders_AreIgnored()
    {
        using var factory = ProductionBehindProxy(peer: Stranger);
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("api/v2/workspaces", forwardedProto: "https"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect), "still plain http: the claim of https is not believed");
            Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False);
        });
    }

    [TestCase("health/live")]
    [TestCase("health/ready")]
    public async Task HealthEndpoints_AnswerPlainHttp_ForProbes(string path)
    {
        using var factory = ProductionBehindProxy(peer: Stranger);
        using var client = Client(factory);

        using var response = await client.SendAsync(Get(path, forwardedProto: null));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task OutsideProduction_PlainHttp_IsServed()
    {
        using var factory = new WorkflowsApiFactory().WithWebHostBuilder(builder => builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Peer(Stranger))));
        using var client = Client(factory);

        using var response = await client.SendAsync(Get("api/v2/workspaces", forwardedProto: null));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "served, not redirected");
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> ProductionBehindProxy(string peer) =>
        new WorkflowsApiFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Peer(peer)));
        });

    private static HttpClient Client(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://api.example.com/"),
        });

    private static HttpRequestMessage Get(string path, string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        }
        return request;
    }

    /// <summary>The in-process server has no network peer: every request here comes from <paramref name="address"/>.</summary>
    private sealed class Peer(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return following(context);
            });
            next(app);
        };
    }
}
