using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// Headers on every answer: <c>X-Content-Type-Options: nosniff</c>, a <c>Cache-Control</c> that
/// keeps answers out of shared caches; and CORS, closed unless origins are configured, then with
/// preflights answered without a token.
/// </summary>
public sealed class HeaderTests
{
    private const string AppOrigin = "https://app.example.com";
    private CorsApiFactory _cors = null!;

    [OneTimeSetUp]
    public void StartWithCors() => _cors = new CorsApiFactory();

    [OneTimeTearDown]
    public void Stop() => _cors.Dispose();

    [Test]
    public async Task EveryKindOfAnswer_CarriesNoSniff_AndIsKeptOutOfSharedCaches()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["200"] = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}"),
            ["201"] = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Headed" }),
            ["400"] = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "" }),
            ["401"] = await ws.Factory.WithToken(null).GetAsync($"{ws.Root}/workflows"),
            ["404"] = await ws.Admin.Client.GetAsync($"{ws.Root}/no-such-thing"),
            ["409"] = await ws.Admin.Client.PostJsonAsync($"{ws.Root}/workflows", new { name = "Headed" }),
        };

        Assert.Multiple(() =>
        {
            foreach (var (status, response) in answers)
            {
                Assert.That((int)response.StatusCode, Is.EqualTo(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)), status);
                Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? values : [], Is.EqualTo(new[] { "nosniff" }), status);
                var cache = response.Headers.CacheControl;
                Assert.That(cache is { Private: true, NoCache: true } or { NoStore: true }, Is.True, $"{status}: Cache-Control {cache}");
                Assert.That(cache?.Public ?? false, Is.False, status);
            }
        });
    }

    [Test]
    public async Task AnAnswerKeptPrivately_CanStillBeRevalidated_With304()
    {
        var ws = await TestWorkspace.CreateAsync();
        var workflow = await ws.CreateWorkflowAsync();
        var first = await ws.Admin.Client.GetAsync($"{ws.Root}/workflows/{workflow.Id}");
        var request = new HttpRequestMessage(HttpMethod.Get, $"{ws.Root}/workflows/{workflow.Id}");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await ws.Admin.Client.SendAsync(request);

        Assert.That(first.Headers.CacheControl?.ToString(), Is.EqualTo("no-cache, private"));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Preflight_FromAConfiguredOrigin_IsAnsweredWithoutAToken()
    {
        var response = await _cors.WithToken(null).SendAsync(Preflight(AppOrigin, "DELETE", "authorization,if-match"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { AppOrigin }));
        Assert.That(string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), Does.Contain("DELETE"));
        Assert.That(string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant(),
            Does.Contain("authorization").And.Contain("if-match"));
    }

    [Test]
    public async Task Preflight_FromAnotherOrigin_IsNotAllowed()
    {
        var response = await _cors.WithToken(null).SendAsync(Preflight("https://evil.example", "DELETE", "authorization"));

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Preflight_WithoutConfiguredOrigins_IsNotAllowed()
    {
        var response = await Testing.Factory.WithToken(null).SendAsync(Preflight(AppOrigin, "GET", "authorization"));

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task CrossOriginRequest_FromAConfiguredOrigin_ExposesTheHeadersClientsRead()
    {
        var ws = await TestWorkspace.CreateAsync(_cors);
        var workflow = await ws.CreateWorkflowAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"{ws.Root}/workflows/{workflow.Id}");
        request.Headers.Add("Origin", AppOrigin);

        var response = await ws.Admin.Client.SendAsync(request);

        await response.ShouldSucceedAsync();
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { AppOrigin }));
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers")
            .SelectMany(v => v.Split(',')).Select(h => h.Trim().ToLowerInvariant()).ToList();
        Assert.That(exposed, Is.SupersetOf(new[] { "etag", "location", "retry-after", "idempotent-replayed", "ratelimit-policy", "ratelimit" }));
    }

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"api/v2/w/{Guid.NewGuid()}/workflows/1");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private sealed class CorsApiFactory : WorkflowsApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Cors:AllowedOrigins:0", AppOrigin);
            builder.UseSetting("Cors:AllowedOrigins:1", "https://other.example.com");
        }
    }
}
