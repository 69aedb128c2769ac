using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Workflows.Infrastructure.Settings;

namespace Workflows.Api.Hosting;

/// <summary>The <c>Shutdown</c> settings, in seconds.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>How long the requests in flight get to finish once the server stops accepting connections.</summary>
    public double Timeout { get; set; } = 30;

    /// <summary>How long <c>/health/ready</c> answers 503 while the service still serves, before it stops accepting connections.</summary>
    public double DrainDelay { get; set; } = 5;

    public string? TimeoutProblem() =>
        Timeout is > 0 and <= 3600 ? null : $"{Section}:{nameof(Timeout)} is {Timeout}; it must be a number of seconds above 0, at most 3600.";

    public string? DrainDelayProblem() =>
        DrainDelay is >= 0 and <= 600 ? null : $"{Section}:{nameof(DrainDelay)} is {DrainDelay}; it must be a number of seconds from 0 to 600.";
}

/// <summary>
/// A graceful stop (SIGTERM, Ctrl+C, a test host's disposal): readiness turns unhealthy first and
/// the service keeps serving for <see cref="ShutdownOptions.DrainDelay"/>, so that a load balancer
/// polling <c>/health/ready</c> stops sending traffic; then the host stops the server, which
/// accepts no more connections and lets the requests in flight finish within
/// <see cref="ShutdownOptions.Timeout"/>. Lifecycle services stop before any hosted service, the
/// server included, so the delay comes first.
/// </summary>
public sealed class GracefulShutdown(IOptions<ShutdownOptions> options, ILogger<GracefulShutdown> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var delay = TimeSpan.FromSeconds(options.Value.DrainDelay);
        if (delay <= TimeSpan.Zero) return;
        logger.LogInformation("Stopping: /health/ready answers 503; requests are still served for {DrainDelay} before the server stops accepting connections.", delay);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException) { }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("The service is stopping.") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class GracefulShutdownSetup
{
    /// <summary>The stop's settings; the host's shutdown timeout is the drain delay plus <see cref="ShutdownOptions.Timeout"/>.</summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection(ShutdownOptions.Section))
            .Require(o => o.TimeoutProblem())
            .Require(o => o.DrainDelayProblem())
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.DrainDelay + shutdown.Value.Timeout));
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        return services;
    }
}
