using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>
/// Makes the database fail on demand, below EF Core: every command while <see cref="DatabaseDown"/>
/// is set (as when the file cannot be read), or once, at the first command a test names (a failure
/// in the middle of a unit of work). It throws what the provider throws when its database is lost:
/// a <see cref="SqliteException"/> (disk I/O error) or a <see cref="NpgsqlException"/>.
/// </summary>
public sealed class FaultInjector : CommandObserver
{
    private const int SqliteIoError = 10; // SQLITE_IOERR: "disk I/O error"

    private Func<DbCommand, bool>? _failOnce;
    private int _injected;

    /// <summary>While set, every command fails.</summary>
    public bool DatabaseDown { get; set; }

    /// <summary>How many commands were made to fail since the last <see cref="Reset"/>.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Fails the next command whose SQL contains <paramref name="sql"/> (once).</summary>
    public void FailNextCommandContaining(string sql) =>
        Volatile.Write(ref _failOnce, command => command.CommandText.Contains(sql, StringComparison.Ordinal));

    public void Reset()
    {
        DatabaseDown = false;
        Volatile.Write(ref _failOnce, null);
        Volatile.Write(ref _injected, 0);
    }

    protected override void Executing(DbCommand command)
    {
        if (!DatabaseDown)
        {
            var rule = Volatile.Read(ref _failOnce);
            if (rule is null || !rule(command) || Interlocked.CompareExchange(ref _failOnce, null, rule) != rule) return;
        }
        Interlocked.Increment(ref _injected);
        throw TestDatabase.Provider == TestProvider.PostgreSql
            ? new NpgsqlException("Injected failure: the server did not answer.")
            : new SqliteException("SQLite Error 10: 'disk I/O error'.", SqliteIoError);
    }
}

/// <summary>The service on a database of its own, with a <see cref="FaultInjector"/> under its DbContext.</summary>
public sealed class FaultyApiFactory : WorkflowsApiFactory
{
    public FaultInjector Faults { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptor(Faults);
}
