using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.TestSupport;
using Workflows.TestSupport.Contract;

namespace Workflows.Clients.EndToEndTests.Infrastructure;

/// <summary>
/// The real service on Kestrel, listening on 127.0.0.1 on a free port, with a SQLite file of its
/// own and Azure AD configured (the bearer handler trusts <see cref="TestTokens"/> and fetches no metadata).
/// </summary>
public sealed class LiveService : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("workflows-clients-").FullName;
    private readonly string _environment;
    private readonly string? _openApiEnabled;

    /// <param name="environment">The host environment (Development, Production, …).</param>
    /// <param name="openApiEnabled">The <c>OpenApi:Enabled</c> setting; null leaves it unset.</param>
    public LiveService(string environment = "Testing", string? openApiEnabled = "true")
    {
        _environment = environment;
        _openApiEnabled = openApiEnabled;
    }

    /// <summary>The address the service listens on, e.g. <c>http://127.0.0.1:41237/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the service on Kestrel, on 127.0.0.1 and a port the system picks.</summary>
    public static LiveService Start()
    {
        var service = new LiveService();
        service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        service.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return service;
    }

    /// <summary>
    /// An HTTP client of the service that calls with <paramref name="token"/> (none when null), each
    /// exchange checked against the checked-in OpenAPI document (<see cref="ContractValidatingHandler"/>).
    /// </summary>
    public HttpClient HttpClientWith(string? token, DelegatingHandler? handler = null)
    {
        var checkedHandler = new ContractValidatingHandler().WithInner(new HttpClientHandler());
        var client = handler is null ? new HttpClient(checkedHandler) : new HttpClient(handler.WithInner(checkedHandler));
        client.BaseAddress = BaseAddress;
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_directory, "workflows.db")}");
        builder.TrustTestTokens();
        builder.WithUnthrottledRateLimits();
        if (_openApiEnabled is not null) builder.UseSetting("OpenApi:Enabled", _openApiEnabled);
        builder.UseSetting("Shutdown:DrainDelay", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        // Clients that run outside .NET (the TypeScript client) are checked on the service's side.
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ContractValidatingMiddleware.StartupFilter>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class DelegatingHandlerExtensions
{
    public static DelegatingHandler WithInner(this DelegatingHandler handler, HttpMessageHandler inner)
    {
        handler.InnerHandler = inner;
        return handler;
    }
}
