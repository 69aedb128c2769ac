using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The real service over HTTP on a real SQLite file of its own, with Azure AD configured and the
/// bearer handler pointed at the test signing key (no metadata is fetched).
/// </summary>
public class WorkflowsApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("workflows-tests-").FullName;

    public string DatabasePath => Path.Combine(_directory, "workflows.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Workflows", $"Data Source={DatabasePath}");
        builder.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
        builder.UseSetting("AzureAd:TenantId", TestTokens.TenantId);
        builder.UseSetting("AzureAd:ClientId", TestTokens.ClientId);
        builder.UseSetting("AzureAd:Audience", TestTokens.Audience);
        builder.UseSetting("OpenApi:Enabled", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");

        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.Configuration = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer };
                options.Configuration.SigningKeys.Add(TestTokens.SigningKey);
                options.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(options.Configuration);
                options.TokenValidationParameters.IssuerSigningKey = TestTokens.SigningKey;
                options.TokenValidationParameters.ValidIssuers = [TestTokens.IssuerTemplate];
                options.RequireHttpsMetadata = false;
            });
            ConfigureServices(services);
        });
    }

    /// <summary>For factories that need to swap a service (fault injection and the like).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>An HTTP client that calls as a person with the given scopes (space-separated; null for none).</summary>
    public HttpClient ClientFor(string objectId, string? scopes = TestTokens.AllScopes) =>
        WithToken(TestTokens.ForPerson(objectId, scopes));

    public HttpClient WithToken(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
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
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
