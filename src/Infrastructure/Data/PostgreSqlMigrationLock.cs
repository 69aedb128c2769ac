using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// One instance at a time migrates a PostgreSQL database. EF Core's own migration lock on
/// PostgreSQL is a table lock released with each migration's transaction, so with several pending
/// migrations a second instance starting at the same moment can slip in between two of them and
/// apply one again ("relation … already exists"). This holds a session-level advisory lock over
/// the whole run instead, on a connection of its own that is not pooled: closing it (or the
/// process dying) ends the session and so releases the lock.
/// </summary>
internal sealed class PostgreSqlMigrationLock : IAsyncDisposable
{
    // Any constant every instance of the service agrees on: the advisory lock's key.
    private const long Key = 0x576F_726B_666C_6F77;

    private readonly NpgsqlConnection _connection;

    private PostgreSqlMigrationLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Creates the (empty) database if it is missing, then waits for the lock in it.</summary>
    public static async Task<PostgreSqlMigrationLock> AcquireAsync(DbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (Exception e) when (DatabaseErrors.IsDatabaseAlreadyCreated(e))
            {
                // Another instance created it first.
            }
        }

        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            // Waiting for another instance's migrations is part of starting: no command timeout.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgreSqlMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // Unpooled: closing ends the session, which releases the lock even if the unlock failed.
            await _connection.DisposeAsync();
        }
    }
}
