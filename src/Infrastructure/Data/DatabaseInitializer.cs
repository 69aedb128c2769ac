using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// Brings the database to the latest migration on start (creating the SQLite file if needed), then
/// runs the data steps a migration left pending (<see cref="TextKeyRefresh"/>).
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
            await db.Database.MigrateAsync(cancellationToken);
        }
        await new TextKeyRefresh(db, logger).RunAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // Readers do not block the writer (and the other way round) in write-ahead-log mode.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
