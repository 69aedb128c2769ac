using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Application.Common.Interfaces;
using Workflows.Application.Templates;
using Workflows.Infrastructure.Audit;
using Workflows.Infrastructure.Data;
using Workflows.Infrastructure.Data.Interceptors;
using Workflows.Infrastructure.History;
using Workflows.Infrastructure.Idempotency;
using Workflows.Infrastructure.Settings;
using Workflows.Infrastructure.Templates;
using Workflows.Infrastructure.Workflows;

namespace Workflows.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Workflows";
    public const string DefaultSqliteConnection = "Data Source=workflows.db";

    /// <summary>
    /// The database, chosen by configuration: <c>Database:Provider</c> is <c>Sqlite</c> (the
    /// default, a file), <c>SqlServer</c> or <c>PostgreSQL</c>; the connection string is
    /// <c>ConnectionStrings:Workflows</c>. The server providers retry transient failures (a
    /// dropped connection, a deadlock, a failover) through EF's execution strategy. Settings out
    /// of their rules stop the service at start, each with a message naming its key; until then
    /// the registrations here make do with the defaults, and nothing connects.
    /// </summary>
    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                configuration.GetSection(DatabaseOptions.Section).Bind(o);
                o.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
            })
            .Require(o => o.ProviderProblem())
            .Require(o => o.ConnectionStringProblem())
            .ValidateOnStart();
        // The provider decides which context is registered, so it is read now, by the same rule;
        // an unknown one registers SQLite's context, never used: the start stops first.
        var provider = DatabaseProviders.TryParse(configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"], out var parsed)
            ? parsed
            : DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        services.AddSingleton<TimeProvider>(StorageClock.Instance);
        // Pooled: the options (and EF's services behind them) are built once, not on every
        // request, and contexts are reset and reused rather than constructed per scope.
        services.AddSingleton<AuditingInterceptor>();
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<WorkflowsDbContext, SqlServerWorkflowsDbContext>((sp, options) => options
                    .UseSqlServer(Required(connectionString, provider), sql => sql.EnableRetryOnFailure(RetryCount, MaxRetryDelay, null))
                    .ConfigureWarnings(Warnings)
                    .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>()));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<WorkflowsDbContext, PostgreSqlWorkflowsDbContext>((sp, options) => options
                    .UseNpgsql(Required(connectionString, provider), npgsql => npgsql.EnableRetryOnFailure(RetryCount, MaxRetryDelay, null))
                    .ConfigureWarnings(Warnings)
                    .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>()));
                break;
            default:
                services.AddDbContextPool<WorkflowsDbContext, SqliteWorkflowsDbContext>((sp, options) => options
                    .UseSqlite(SqliteConnectionString(connectionString))
                    .ConfigureWarnings(Warnings)
                    .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>()));
                break;
        }
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<WorkflowsDbContext>());
        services.AddScoped<ITransactions, Transactions>();
        services.AddScoped<IRowLocks, RowLocks>();
        services.AddScoped<IWorkflowAuthorityLookup, WorkflowAuthorityLookup>();
        services.AddScoped<IWorkflowStore, WorkflowStore>();
        services.AddScoped<IWorkflowHistory, WorkflowVersionStore>();
        services.AddOptions<HistoryOptions>()
            .Configure(o => configuration.GetSection(HistoryOptions.Section).Bind(o))
            .Require(o => o.MaxVersionsPerWorkflowProblem())
            .Require(o => o.AuditRetentionDaysProblem())
            .ValidateOnStart();
        services.AddScoped<IMembershipLookup, MembershipLookup>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoWorkspace>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddSingleton<AuditSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditSweeper>());
        services.AddOptions<IdempotencyOptions>()
            .Configure(o => configuration.GetSection(IdempotencyOptions.Section).Bind(o))
            .Require(o => o.LeaseProblem())
            .Require(o => o.SweepIntervalProblem())
            .Require(o => o.SweepBatchSizeProblem())
            .ValidateOnStart();
        services.AddSingleton<IdempotencySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencySweeper>());
        services.AddSingleton<ITemplateCatalog, BuiltInTemplateCatalog>();
        return services;
    }

    /// <summary>
    /// Transient failures are retried three times, a second or two apart: a dropped connection or
    /// a deadlock costs a retry, while a database that is down answers 503 within seconds rather
    /// than after EF's default 30-second backoff.
    /// </summary>
    private const int RetryCount = 3;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>An empty connection string for a server provider has stopped the start already (<see cref="DatabaseOptions"/>).</summary>
    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {provider} but ConnectionStrings:Workflows is empty. Set it (or ConnectionStrings__Workflows).")
            : connectionString;

    /// <summary>
    /// A workflow is read with its tasks in one statement on purpose: a consistent snapshot. A
    /// failed command, save or transaction is not an error of its own: most are expected outcomes
    /// (a unique or foreign key the database refused, answered 409), and the ones that are the
    /// service's fault are answered 5xx and logged as errors, with the exception, where failures
    /// become problems (the API's exception handler).
    /// </summary>
    private static void Warnings(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.MultipleCollectionIncludeWarning)
            .Log(
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Information),
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.TransactionError, LogLevel.Information),
                (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Information));

    /// <summary>A file database that waits (rather than fails) while another writer holds the lock.</summary>
    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnection : configured);
        if (builder.DefaultTimeout == 30) builder.DefaultTimeout = 60;
        builder.Pooling = true;
        return builder.ToString();
    }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public static class DatabaseProviders
{
    /// <summary>The one rule for <c>Database:Provider</c>: empty means Sqlite; case is ignored.</summary>
    public static bool TryParse(string? value, out DatabaseProvider provider)
    {
        DatabaseProvider? parsed = value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "sqlserver" => DatabaseProvider.SqlServer,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
            _ => null,
        };
        provider = parsed ?? DatabaseProvider.Sqlite;
        return parsed is not null;
    }
}
