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

    // One case per setting with a rule: the start stops with a message naming the key and what is wrong.
    [TestCase("Database:Provider", "Oracle", "Database:Provider is 'Oracle'; it must be Sqlite, SqlServer or PostgreSQL", TestName = "Start_WithAnUnknownDatabaseProvider_Throws_NamingTheSetting")]
    [TestCase("ConnectionStrings:Workflows", "this is not a connection string", "ConnectionStrings:Workflows is not a valid", TestName = "Start_WithAnUnparsableConnectionString_Throws_NamingTheSetting")]
    [TestCase("Database:MigrateOnStart", "sometimes", "Database:MigrateOnStart", TestName = "Start_WithAMigrateOnStartThatIsNotABoolean_Throws_NamingTheSetting")]
    [TestCase("Demo:Seed", "sometimes", "Demo:Seed", TestName = "Start_WithADemoSeedThatIsNotABoolean_Throws_NamingTheSetting")]
    [TestCase("OpenApi:Enabled", "sometimes", "OpenApi:Enabled", TestName = "Start_WithAnOpenApiEnabledThatIsNotABoolean_Throws_NamingTheSetting")]
    [TestCase("Idempotency:Lease", "00:00:00", "Idempotency:Lease is 00:00:00; it must be a duration", TestName = "Start_WithAnIdempotencyLeaseOutOfRange_Throws_NamingTheSetting")]
    [TestCase("Idempotency:SweepInterval", "2.00:00:00", "Idempotency:SweepInterval is 2.00:00:00", TestName = "Start_WithAnIdempotencySweepIntervalOutOfRange_Throws_NamingTheSetting")]
    [TestCase("Idempotency:SweepBatchSize", "0", "Idempotency:SweepBatchSize is 0", TestName = "Start_WithAnIdempotencySweepBatchSizeOutOfRange_Throws_NamingTheSetting")]
    [TestCase("History:AuditRetentionDays", "0", "History:AuditRetentionDays is 0", TestName = "Start_WithAnAuditRetentionOutOfRange_Throws_NamingTheSetting")]
    [TestCase("History:MaxVersionsPerWorkflow", "0", "History:MaxVersionsPerWorkflow is 0; it must be a whole number from 1 to 100000", TestName = "Start_WithAMaxVersionsPerWorkflowOutOfRange_Throws_NamingTheSetting")]
    [TestCase("Cors:AllowedOrigins:0", "https://app.example.com/path", "Cors:AllowedOrigins lists 'https://app.example.com/path'", TestName = "Start_WithAnAllowedOriginThatHasAPath_Throws_NamingTheSetting")]
    [TestCase("Shutdown:Timeout", "0", "Shutdown:Timeout is 0", TestName = "Start_WithANonPositiveShutdownTimeout_Throws_NamingTheSetting")]
    [TestCase("Shutdown:DrainDelay", "-1", "Shutdown:DrainDelay is -1", TestName = "Start_WithANegativeDrainDelay_Throws_NamingTheSetting")]
    [TestCase("ForwardedHeaders:KnownProxies:0", "proxy.local", "ForwardedHeaders:KnownProxies lists 'proxy.local', which is not an IP address", TestName = "Start_WithAKnownProxyThatIsNotAnAddress_Throws_NamingTheSetting")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks lists '10.0.0.0/99'", TestName = "Start_WithAKnownNetworkThatIsNotCidr_Throws_NamingTheSetting")]
    [TestCase("HttpsRedirection:HttpsPort", "0", "HttpsRedirection:HttpsPort is 0", TestName = "Start_WithAnHttpsPortOutOfRange_Throws_NamingTheSetting")]
    public void Start_WithAnInvalidSetting_Throws_NamingTheSetting(string key, string value, string message)
    {
        var error = StartFailure(new Dictionary<string, string> { [key] = value });

        Assert.That(MessagesOf(error), Has.Some.Contains(message), error?.ToString());
    }

    [TestCase("SqlServer", "Server=db;Nonsense=1", TestName = "Start_WithAnUnparsableSqlServerConnectionString_Throws_NamingTheSetting")]
    [TestCase("PostgreSQL", "Host=db;Nonsense=1", TestName = "Start_WithAnUnparsablePostgreSqlConnectionString_Throws_NamingTheSetting")]
    public void Start_WithAConnectionStringTheProviderCannotParse_Throws_NamingTheSetting(string provider, string connectionString)
    {
        var error = StartFailure(new Dictionary<string, string> { ["Database:Provider"] = provider, ["ConnectionStrings:Workflows"] = connectionString });

        Assert.That(MessagesOf(error), Has.Some.Contains($"ConnectionStrings:Workflows is not a valid {provider} connection string"), error?.ToString());
    }

    [Test]
    public void Start_OnAServerProviderWithoutAConnectionString_Throws_NamingTheSetting()
    {
        var error = StartFailure(new Dictionary<string, string> { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:Workflows"] = "" });

        Assert.That(MessagesOf(error), Has.Some.Contains("ConnectionStrings:Workflows is empty"), error?.ToString());
    }

    [Test]
    public async Task Start_AsAProcessWithAnInvalidSetting_ExitsWithOne_AndSaysWhichSettingOnTheConsole()
    {
        using var database = new TestDatabase();

        var (exitCode, output) = await ServiceProcess.RunAsync(database, new Dictionary<string, string> { ["Database:Provider"] = "Oracle" });

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("The service cannot start:").And.Contain("Database:Provider is 'Oracle'; it must be Sqlite, SqlServer or PostgreSQL."));
            Assert.That(output, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "), "a message, not a stack trace");
        });
    }

    /// <summary>Starts the service in Development on a database of its own with <paramref name="settings"/>; what it threw.</summary>
    internal static Exception? StartFailure(Dictionary<string, string> settings)
    {
        using var database = new TestDatabase();
        using var factory = HostWith(database, settings);
        return Assert.Catch(() => _ = factory.Server);
    }

    /// <summary>The service in Development on <paramref name="database"/> with <paramref name="settings"/>, not started yet.</summary>
    internal static WebApplicationFactory<Program> HostWith(TestDatabase database, Dictionary<string, string> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Database:Provider", database.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Workflows", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "None");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });

    internal static IEnumerable<string> MessagesOf(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) yield return inner.Message;
        }
    }
}
