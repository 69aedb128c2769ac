using Workflows.Api.FunctionalTests.Platform;

namespace Workflows.Api.FunctionalTests.RateLimiting;

/// <summary>A rate limit that is not a positive whole number stops the service at start, naming the key and what is wrong.</summary>
public sealed class RateLimitSettingsTests
{
    [TestCase("PermitsPerMinute", "0", "RateLimiting:PermitsPerMinute must be a positive whole number; it is 0.")]
    [TestCase("PermitsPerMinute", "-5", "RateLimiting:PermitsPerMinute must be a positive whole number; it is -5.")]
    [TestCase("WorkspacePermitsPerMinute", "ten", "RateLimiting:WorkspacePermitsPerMinute must be a positive whole number; it is 'ten'.")]
    [TestCase("WorkspacePermitsPerMinute", "0", "RateLimiting:WorkspacePermitsPerMinute must be a positive whole number; it is 0.")]
    [TestCase("WriteCost", "1.5", "RateLimiting:WriteCost must be a positive whole number; it is '1.5'.")]
    [TestCase("WriteCost", "-1", "RateLimiting:WriteCost must be a positive whole number; it is -1.")]
    [TestCase("WriteCost", "601", "RateLimiting:WriteCost must not be larger than RateLimiting:PermitsPerMinute; it is 601 and PermitsPerMinute is 600")]
    public void Start_WithAnInvalidRateLimit_Throws_NamingTheKey(string key, string value, string message)
    {
        var error = StartupTests.StartFailure(new Dictionary<string, string> { [$"RateLimiting:{key}"] = value });

        Assert.That(StartupTests.MessagesOf(error), Has.Some.Contains(message), error?.ToString());
    }

    [Test]
    public async Task Start_WithPositiveRateLimits_Serves()
    {
        using var database = new TestDatabase();
        using var factory = StartupTests.HostWith(database, new Dictionary<string, string>
        {
            ["RateLimiting:PermitsPerMinute"] = "1",
            ["RateLimiting:WorkspacePermitsPerMinute"] = "1",
            ["RateLimiting:WriteCost"] = "1",
        });

        var response = await factory.CreateClient().GetAsync("health/live");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
