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

    private static IEnumerable<string> MessagesOf(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            yield return e.Message;
    }
}
