using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>How the service starts (or refuses to) depending on its configuration.</summary>
public sealed class StartupTests
{
    [Test]
    public void Start_InProductionWithoutAzureAd_Throws_NamingAzureAd()
    {
        var directory = Directory.CreateTempSubdirectory("workflows-startup-").FullName;
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Production");
                builder.UseSetting("AzureAd:TenantId", "");
                builder.UseSetting("AzureAd:ClientId", "");
                builder.UseSetting("Database:Provider", "Sqlite");
                builder.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(directory, "workflows.db")}");
                builder.UseSetting("Logging:LogLevel:Default", "None");
            });

            var error = Assert.Catch(() => _ = factory.Server);

            Assert.That(MessagesOf(error), Has.Some.Contains("AzureAd"), error?.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase("c2hvcnQ=", "bytes long", TestName = "Start_WithACursorKeyShorterThan32Bytes_Throws_NamingTheSetting")]
    [TestCase("not base64 at all!", "not valid base64", TestName = "Start_WithACursorKeyThatIsNotBase64_Throws_NamingTheSetting")]
    public void Start_WithAWeakCursorKey_Throws_NamingTheSetting(string key, string problem)
    {
        var directory = Directory.CreateTempSubdirectory("workflows-startup-").FullName;
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("Paging:CursorKey", key);
                builder.UseSetting("Demo:Seed", "false");
                builder.UseSetting("Database:Provider", "Sqlite");
                builder.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(directory, "workflows.db")}");
                builder.UseSetting("Logging:LogLevel:Default", "None");
            });

            var error = Assert.Catch(() => _ = factory.Server);

            Assert.That(MessagesOf(error), Has.Some.Contains("Paging:CursorKey").And.Some.Contains(problem), error?.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Start_WithA32ByteCursorKey_Serves()
    {
        var directory = Directory.CreateTempSubdirectory("workflows-startup-").FullName;
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("Paging:CursorKey", Convert.ToBase64String(new byte[32]));
                builder.UseSetting("Demo:Seed", "false");
                builder.UseSetting("Database:Provider", "Sqlite");
                builder.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(directory, "workflows.db")}");
                builder.UseSetting("Logging:LogLevel:Default", "None");
            });

            var response = factory.CreateClient().GetAsync("health/live").GetAwaiter().GetResult();

            Assert.That((int)response.StatusCode, Is.EqualTo(200));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<string> MessagesOf(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            yield return e.Message;
    }
}
