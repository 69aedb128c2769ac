using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workflows.Infrastructure.Data;

/// <summary>The <c>Database</c> settings and <c>ConnectionStrings:Workflows</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the default), <c>SqlServer</c> or <c>PostgreSQL</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>Migrate before serving; false where a separate step runs <c>--migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary><c>ConnectionStrings:Workflows</c> (not under <c>Database</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Why <see cref="Provider"/> is unusable, or null.</summary>
    public string? ProviderProblem() =>
        DatabaseProviders.TryParse(Provider, out _)
            ? null
            : $"Database:Provider is '{Provider}'; it must be Sqlite, SqlServer or PostgreSQL.";

    /// <summary>
    /// Why the connection string is unusable for the chosen provider, or null: the provider's own
    /// connection string builder must accept it, and the server providers need one.
    /// </summary>
    public string? ConnectionStringProblem()
    {
        if (!DatabaseProviders.TryParse(Provider, out var provider)) return null; // the provider's own message says it
        var key = $"ConnectionStrings:{DependencyInjection.ConnectionStringName}";
        var name = provider == DatabaseProvider.PostgreSql ? "PostgreSQL" : provider.ToString(); // as the setting spells it
        if (string.IsNullOrWhiteSpace(ConnectionString))
            return provider == DatabaseProvider.Sqlite
                ? null
                : $"{key} is empty; Database:Provider {name} needs a connection string.";
        try
        {
            _ = provider switch
            {
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(ConnectionString).ConnectionString,
                DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(ConnectionString).ConnectionString,
                _ => new SqliteConnectionStringBuilder(ConnectionString).ConnectionString,
            };
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{key} is not a valid {name} connection string: {e.Message}";
        }
    }
}
