using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// Brings the database to the latest migration on start (creating it, or the SQLite file, if
/// needed), then runs the data steps a migration left pending (<see cref="TextKeyRefresh"/>).
/// Safe when several instances start at once: EF Core's migration lock (on PostgreSQL an advisory
/// lock over the whole run, <see cref="PostgreSqlMigrationLock"/>) lets one apply the migrations
/// while the others wait and then find nothing left to do.
/// </summary>
public sealed class DatabaseInitializer(WorkflowsDbContext db, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var directory = Path.GetDirectoryName(Path.GetFullPath(connection.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await using var migrationLock = db.Database.IsNpgsql() ? await PostgreSqlMigrationLock.AcquireAsync(db, cancellationToken) : null;
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (DatabaseErrors.IsDatabaseAlreadyCreated(e))
            {
                // Another instance starting at the same moment created the database first. The
                // migrations themselves take a lock, so this instance now waits its turn and finds
                // them applied (or applies what is left).
                logger.LogInformation("Another instance created the database; migrating after it.");
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        await new TextKeyRefresh(db, logger).RunAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // Readers do not block the writer (and the other way round) in write-ahead-log mode.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
