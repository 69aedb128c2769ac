using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Workflows.Api.Hosting;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.Health;

public static class HealthChecksSetup
{
    /// <summary>
    /// Ready means the database answers a query. The default check (CanConnect) runs none on
    /// SQLite: it only finds the file, which is there whether or not queries can run. And ready
    /// is not while the service stops (<see cref="GracefulShutdown"/>).
    /// </summary>
    public static IServiceCollection AddWorkflowsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<WorkflowsDbContext>("database", tags: ["ready"], customTestQuery: async (db, ct) =>
            {
                await db.Workspaces.AnyAsync(ct);
                return true;
            })
            .AddCheck<GracefulShutdown>("stopping", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers); no token needed, never rate limited.</summary>
    public static WebApplication MapWorkflowsHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
