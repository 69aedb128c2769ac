using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Infrastructure.Data;
using Workflows.TestSupport;

namespace Workflows.SqlServer.Tests;

/// <summary>Both hosts sign list cursors with one key, so that a cursor one host wrote is good on the other.</summary>
internal static class TwinSettings
{
    public const string CursorKey = "c3FsLXNlcnZlci10d2lucy1zaGFyZS1vbmUtY3Vyc29yLWtleQ==";
}

/// <summary>The service on a real SQLite file, one command per SaveChanges batch, its answers queued for its twin.</summary>
public sealed class SqliteTwin(LockStep lockStep) : WorkflowsApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Paging:CursorKey", TwinSettings.CursorKey);
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureDbContext<SqliteWorkflowsDbContext>((_, options) => options
            .UseSqlite(sqlite => sqlite.MaxBatchSize(1))
            .AddInterceptors(new SqliteRecorder(lockStep)));
}

/// <summary>The service on SQL Server's provider, with no server: see <see cref="NoServer"/>.</summary>
public sealed class SqlServerTwin(LockStep lockStep) : WorkflowsApiFactory
{
    public ErrorLog Errors { get; } = new();

    public const string ConnectionString =
        "Server=sqlserver.invalid;Database=Workflows;User ID=workflows;Password=not-used;TrustServerCertificate=true";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "SqlServer");
        builder.UseSetting("ConnectionStrings:Workflows", ConnectionString);
        builder.UseSetting("Paging:CursorKey", TwinSettings.CursorKey);
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureDbContext<SqlServerWorkflowsDbContext>((_, options) => options
            .UseSqlServer(sql => sql.MaxBatchSize(1))
            .AddInterceptors(new NoServer(lockStep).Interceptors));
}
