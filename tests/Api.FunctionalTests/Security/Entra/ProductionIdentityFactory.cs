using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Abstractions;
using Microsoft.IdentityModel.Logging;

namespace Workflows.Api.FunctionalTests.Security.Entra;

/// <summary>
/// The service in its Production configuration, its <c>AzureAd</c> section pointed at an
/// <see cref="EntraStandIn"/>: metadata, keys and issuers come from the stand-in over HTTPS, as
/// they come from Entra ID. The test host changes only what cannot be the same off the internet:
/// the backchannels trust the stand-in's certificate, and a refresh of the metadata may be asked
/// for every second rather than every five minutes. Everything the service logs, through its own
/// Production log filters, is kept in <see cref="Logs"/>.
/// </summary>
public sealed class ProductionIdentityFactory(EntraStandIn entra, string? audience = null) : WebApplicationFactory<Program>
{
    public const string TenantId = "6c3e2b1a-9f4d-4e8b-a7c5-1d2e3f405162";
    public const string ClientId = "0b7e4a29-3c5d-4f61-8e2a-9d1c7b6f5e43";
    public const string AppIdUri = $"api://{ClientId}";
    private const string StandInClient = "EntraStandIn";

    public TestDatabase Database { get; } = new();

    public ServiceLog Logs { get; } = new();

    private IIdentityLogger? _identityModelLogger;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Microsoft.IdentityModel logs (why metadata could not be fetched, why a token was refused)
        // through one logger per process, which Microsoft.Identity.Web points at the log of the
        // first host that validates a token. In production that is the service; here it is made
        // this host again, and given back when it stops.
        _identityModelLogger = LogHelper.Logger;
        LogHelper.Logger = NullIdentityModelLogger.Instance;
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", Database.ProviderSetting);
        builder.UseSetting("ConnectionStrings:Workflows", Database.ConnectionString);
        builder.UseSetting("AzureAd:Instance", entra.Instance);
        builder.UseSetting("AzureAd:TenantId", TenantId);
        builder.UseSetting("AzureAd:ClientId", ClientId);
        builder.UseSetting("AzureAd:Audience", audience ?? "");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.BackchannelHttpHandler = entra.CreateHandler();
                options.RefreshInterval = TimeSpan.FromSeconds(1);
            });
            services.AddHttpClient(StandInClient).ConfigurePrimaryHttpMessageHandler(entra.CreateHandler);
            services.Configure<AadIssuerValidatorOptions>(options => options.HttpClientName = StandInClient);
        });
    }

    /// <summary>An HTTP client that sends the given bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Database.Dispose();
        if (_identityModelLogger is not null) LogHelper.Logger = _identityModelLogger;
    }

    /// <summary>What the service logs, at the levels its configuration lets through.</summary>
    public sealed class ServiceLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public IReadOnlyList<string> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(ServiceLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log._entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
