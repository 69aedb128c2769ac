using Npgsql;

namespace Workflows.TestSupport;

/// <summary>The database providers the suites run on.</summary>
public enum TestProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// One test host's database: a SQLite file in a folder of its own (the default), or, in the
/// suites built to run on PostgreSQL, a database of its own on the server that
/// <c>WORKFLOWS_TEST_POSTGRES</c> names (created by the service's migrations, dropped afterwards).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>The connection string (without a database) of the PostgreSQL server the suites may use.</summary>
    public const string PostgresVariable = "WORKFLOWS_TEST_POSTGRES";

    /// <summary>The provider of this test run; a suite built for PostgreSQL sets it before its first test.</summary>
    public static TestProvider Provider { get; set; } = TestProvider.Sqlite;

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    private readonly string? _directory;
    private readonly string? _databaseName;
    private readonly string? _server;

    public TestDatabase() : this(Provider) { }

    /// <param name="provider">The provider.</param>
    /// <param name="server">For PostgreSQL, the server's connection string; by default <see cref="PostgresServer"/>.</param>
    public TestDatabase(TestProvider provider, string? server = null)
    {
        ProviderName = provider;
        if (provider == TestProvider.PostgreSql)
        {
            server ??= PostgresServer ?? throw new InvalidOperationException(
                $"The PostgreSQL suites need a server: set {PostgresVariable} to its connection string (without a database).");
            _server = server;
            _databaseName = $"workflows_test_{Guid.NewGuid():N}";
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _databaseName }.ConnectionString;
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("workflows-tests-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_directory, "workflows.db")}";
        }
    }

    public TestProvider ProviderName { get; }

    /// <summary>The value of <c>Database:Provider</c> for this database.</summary>
    public string ProviderSetting => ProviderName == TestProvider.PostgreSql ? "PostgreSQL" : "Sqlite";

    public string ConnectionString { get; }

    /// <summary>The SQLite file (only on SQLite).</summary>
    public string FilePath => _directory is not null
        ? Path.Combine(_directory, "workflows.db")
        : throw new InvalidOperationException("This test database is not a SQLite file.");

    public bool IsSqlite => ProviderName == TestProvider.Sqlite;

    public void Dispose()
    {
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server!) { Database = "postgres", Pooling = false }.ConnectionString);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server is gone (an outage drill stopped it): the throwaway cluster goes with it.
        }
    }
}
