using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>How the service starts (or refuses to) depending on its configuration.</summary>
public sealed class StartupTests
{
    [Test]
    public void Start_InProductionWithoutAzureAd_Throws_NamingAzureAd()
    {
        using var database = new TestDatabase();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("AzureAd:TenantId", "");
            builder.UseSetting("AzureAd:ClientId", "");
            builder.UseSetting("Database:Provider", database.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Workflows", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "None");
        });

        var error = Assert.Catch(() => _ = factory.Server);

        Assert.That(MessagesOf(error), Has.Some.Contains("AzureAd"), error?.ToString());
    }

    [TestCase("c2hvcnQ=", "bytes long", TestName = "Start_WithACursorKeyShorterThan32Bytes_Throws_NamingTheSetting")]
    [TestCase("not base64 at all!", "not valid base64", TestName = "Start_WithACursorKeyThatIsNotBase64_Throws_NamingTheSetting")]
    public void Start_WithAWeakCursorKey_Throws_NamingTheSetting(string key, string problem)
    {
        using var database = new TestDatabase();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Paging:CursorKey", key);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Database:Provider", database.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Workflows", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "None");
        });

        var error = Assert.Catch(() => _ = factory.Server);

        Assert.That(MessagesOf(error), Has.Some.Contains("Paging:CursorKey").And.Some.Contains(problem), error?.ToString());
    }

    [Test]
    public void Start_WithA32ByteCursorKey_Serves()
    {
        using var database = new TestDatabase();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Paging:CursorKey", Convert.ToBase64String(new byte[32]));
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Database:Provider", database.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Workflows", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "None");
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
