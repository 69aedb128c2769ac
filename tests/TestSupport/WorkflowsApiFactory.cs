using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Infrastructure.Data;
using Workflows.TestSupport.Contract;

namespace Workflows.TestSupport;

/// <summary>
/// The real service over HTTP on a real database of its own (a SQLite file, or a PostgreSQL
/// database in the suites built for it: see <see cref="TestDatabase"/>), trusting
/// <see cref="TestTokens"/> (Azure AD configured, the bearer handler pointed at the test signing
/// key, no metadata fetched).
/// </summary>
public class WorkflowsApiFactory : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = new();

    /// <summary>The SQLite file (only on SQLite).</summary>
    public string DatabasePath => Database.FilePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.ProviderSetting);
        builder.UseSetting("ConnectionStrings:Workflows", Database.ConnectionString);
        builder.TrustTestTokens();
        builder.WithUnthrottledRateLimits();
        builder.UseSetting("OpenApi:Enabled", "true");
        builder.UseSetting("Shutdown:DrainDelay", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        builder.ConfigureTestServices(ConfigureServices);
    }

    /// <summary>For factories that need to swap a service (fault injection and the like).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>An HTTP client that calls as a person with the given scopes (space-separated; null for none).</summary>
    public HttpClient ClientFor(string objectId, string? scopes = TestTokens.AllScopes) =>
        WithToken(TestTokens.ForPerson(objectId, scopes));

    public HttpClient WithToken(string? token)
    {
        // ClientOptions.BaseAddress: the address of a factory started on Kestrel (UseKestrel, StartServer).
        // Every exchange is checked against the checked-in OpenAPI document (no redirects followed, no cookies kept).
        var client = CreateDefaultClient(ClientOptions.BaseAddress, new ContractValidatingHandler());
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Reads the database directly, to prove what a request did or did not write.</summary>
    public async Task<T> QueryAsync<T>(Func<WorkflowsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Database.Dispose();
    }
}
