using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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
        using var database = new TestDatabase();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Database:Provider", database.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Workflows", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "None");
            builder.UseSetting($"RateLimiting:{key}", value);
        });

        var error = Assert.Catch(() => _ = factory.Server);

        Assert.That(MessagesOf(error), Has.Some.Contains(message), error?.ToString());
    }

    [Test]
    public void Start_WithPositiveRateLimits_Serves()
    {
        using var database = new TestDatabase();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Database:Provider", database.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Workflows", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "None");
            builder.UseSetting("RateLimiting:PermitsPerMinute", "1");
            builder.UseSetting("RateLimiting:WorkspacePermitsPerMinute", "1");
            builder.UseSetting("RateLimiting:WriteCost", "1");
        });

        var response = factory.CreateClient().GetAsync("health/live").GetAwaiter().GetResult();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    private static IEnumerable<string> MessagesOf(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            yield return e.Message;
    }
}
