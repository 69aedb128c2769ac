using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Workflows.Api.FunctionalTests.RateLimiting;

/// <summary>
/// The rate limits over HTTP, on a host of their own with low limits: a caller gets 6 permits a
/// minute, a workspace 10, and a write takes 3. Each test draws on partitions of its own (fresh
/// callers, fresh workspace ids: the limiter answers before a workspace is looked up, so one that
/// does not exist is answered 404 and still counts). The buckets refill one permit every 10
/// seconds (6 seconds for a workspace), far slower than each test sends its requests, so the
/// counts below are exact.
/// </summary>
public sealed class RateLimitTests
{
    private const int CallerQuota = 6;
    private const int WorkspaceQuota = 10;
    private const int WriteCost = 3;

    private LowLimitsFactory _factory = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        _factory = new LowLimitsFactory();
        _ = _factory.Server;
    }

    [OneTimeTearDown]
    public void StopService() => _factory.Dispose();

    [Test]
    public async Task CallerOverItsLimit_Gets429WithRetryAfter_AnotherCallerInTheSameWorkspaceDoesNot()
    {
        var workspace = Guid.NewGuid();
        var alice = Person();
        var bob = Person();

        for (var i = 0; i < CallerQuota; i++)
            Assert.That((await alice.GetAsync(Workflows(workspace))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"request {i + 1}");
        var refused = await alice.GetAsync(Workflows(workspace));
        var other = await bob.GetAsync(Workflows(workspace));

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(10)), "one permit comes back every 10 seconds");
        Assert.That(Header(refused, "RateLimit"), Is.EqualTo("\"caller\";r=0;t=60"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another caller in the workspace is not limited");
    }

    [Test]
    public async Task TwoCallersExhaustTheirWorkspace_AThirdCallerIsRefusedThere_ButNotInAnotherWorkspace()
    {
        var shared = Guid.NewGuid();
        var (alice, bob, carol) = (Person(), Person(), Person());
        for (var i = 0; i < WorkspaceQuota / 2; i++)
        {
            Assert.That((await alice.GetAsync(Workflows(shared))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await bob.GetAsync(Workflows(shared))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        var refused = await carol.GetAsync(Workflows(shared));
        var elsewhere = await carol.GetAsync(Workflows(Guid.NewGuid()));

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.That(Header(refused, "RateLimit"), Is.EqualTo("\"workspace\";r=0;t=60"), "the workspace is the partition at its limit");
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(6)), "a workspace permit comes back every 6 seconds");
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another workspace is not limited");
    }

    [Test]
    public async Task Writes_TakeWriteCostPermits_AndAreRefusedWhereAReadStillFits()
    {
        var dana = Person();

        var created = await dana.PostJsonAsync("api/v2/workspaces", new { name = "Rate limited" });
        var read = await dana.GetAsync("api/v2/workspaces");
        var write = await dana.PostJsonAsync("api/v2/workspaces", new { name = "One too many" });
        var secondRead = await dana.GetAsync("api/v2/workspaces");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Header(created, "RateLimit"), Is.EqualTo($"\"caller\";r={CallerQuota - WriteCost};t=30"));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(read, "RateLimit"), Is.EqualTo($"\"caller\";r={CallerQuota - WriteCost - 1};t=40"));
        await write.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.That(write.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(10)), "the write lacks one permit");
        Assert.That(secondRead.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a read takes one permit, and one is left");
        Assert.That(await _factory.QueryAsync(db => Task.FromResult(db.Workspaces.Count(w => w.Name == "One too many"))), Is.Zero);
    }

    [Test]
    public async Task EveryAnswer_CarriesThePolicyAndTheRemainingPermits_Decreasing_UpToThe429()
    {
        var erin = Person();
        var workspace = Guid.NewGuid();
        var callerOnly = $"\"caller\";q={CallerQuota};w=60";
        var callerAndWorkspace = $"{callerOnly}, \"workspace\";q={WorkspaceQuota};w=60";

        var answers = new List<(HttpResponseMessage Response, HttpStatusCode Status, string Policy, string State)>
        {
            (await erin.GetAsync("api/v2/workspaces"), HttpStatusCode.OK, callerOnly, "\"caller\";r=5;t=10"),
            (await erin.GetAsync(Workflows(workspace)), HttpStatusCode.NotFound, callerAndWorkspace, "\"caller\";r=4;t=20"),
            (await erin.GetAsync("api/v2/workspaces"), HttpStatusCode.OK, callerOnly, "\"caller\";r=3;t=30"),
            (await erin.GetAsync($"{Workflows(workspace)}?limit=0"), HttpStatusCode.BadRequest, callerAndWorkspace, "\"caller\";r=2;t=40"),
            (await erin.GetAsync("api/v2/workspaces"), HttpStatusCode.OK, callerOnly, "\"caller\";r=1;t=50"),
            (await erin.GetAsync("api/v2/workspaces"), HttpStatusCode.OK, callerOnly, "\"caller\";r=0;t=60"),
            (await erin.GetAsync(Workflows(workspace)), HttpStatusCode.TooManyRequests, callerAndWorkspace, "\"caller\";r=0;t=60"),
        };

        Assert.Multiple(() =>
        {
            foreach (var (response, status, policy, state) in answers)
            {
                Assert.That(response.StatusCode, Is.EqualTo(status), state);
                Assert.That(Header(response, "RateLimit-Policy"), Is.EqualTo(policy), state);
                Assert.That(Header(response, "RateLimit"), Is.EqualTo(state));
            }
        });
    }

    [Test]
    public async Task RequestsWithoutAValidToken_AreLimitedByAddress_AndAnswered401WithTheHeaders()
    {
        using var anonymous = _factory.WithToken(null);

        var first = await anonymous.GetAsync(Workflows(Guid.NewGuid()));
        var second = await anonymous.GetAsync("api/v2/workspaces");

        await first.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.That(Header(first, "RateLimit-Policy"), Is.EqualTo($"\"caller\";q={CallerQuota};w=60"), "no workspace's permits are spent without a token");
        Assert.That(Header(first, "RateLimit"), Is.EqualTo("\"caller\";r=5;t=10"));
        Assert.That(Header(second, "RateLimit"), Is.EqualTo("\"caller\";r=4;t=20"));
    }

    [Test]
    public async Task HealthEndpointsAndTheDocument_AreNeverLimited()
    {
        using var anonymous = _factory.WithToken(null);
        using var person = Person();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < CallerQuota * 3; i++)
        {
            answers.Add(await anonymous.GetAsync("health/live"));
            answers.Add(await anonymous.GetAsync("health/ready"));
            answers.Add(await person.GetAsync("health/ready"));
        }
        answers.Add(await person.GetAsync("openapi/v2.json"));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(answers.Where(a => a.Headers.Contains("RateLimit") || a.Headers.Contains("RateLimit-Policy")), Is.Empty);
        Assert.That(Header(await person.GetAsync("api/v2/workspaces"), "RateLimit"), Is.EqualTo("\"caller\";r=5;t=10"),
            "the health checks took nothing from the caller");
    }

    private HttpClient Person() => _factory.ClientFor(Guid.NewGuid().ToString());

    private static string Workflows(Guid workspace) => $"api/v2/w/{workspace}/workflows";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private sealed class LowLimitsFactory : WorkflowsApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:PermitsPerMinute", CallerQuota.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimiting:WorkspacePermitsPerMinute", WorkspaceQuota.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimiting:WriteCost", WriteCost.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
