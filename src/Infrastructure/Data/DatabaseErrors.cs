using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Workflows.Domain.Common;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// What a database failure means for the caller. The one place that knows SQLite's, SQL
/// Server's and PostgreSQL's error numbers: a write the database refused for the data's sake conflicts with the
/// state (409); any other failure (I/O, a lost connection, a busy database, a timeout) is the
/// database's, not the caller's (503).
/// </summary>
public static class DatabaseErrors
{
    /// <summary>The coded failure to answer with, or null when <paramref name="exception"/> is no database failure.</summary>
    public static CodedException? Translate(Exception exception) => Failure(exception) switch
    {
        DbUpdateException { InnerException: DbException inner } when !IsConstraintViolation(inner) => new DatabaseUnavailableException(exception),
        DbUpdateException => new DatabaseConflictException(exception),
        // A statement of its own (ExecuteUpdate, ExecuteDelete, the set-based inserts) fails without a DbUpdateException around it.
        DbException failure when IsConstraintViolation(failure) => new DatabaseConflictException(exception),
        DbException or TimeoutException => new DatabaseUnavailableException(exception),
        RetryLimitExceededException => new DatabaseUnavailableException(exception),
        InvalidOperationException { InnerException: DbException } => new DatabaseUnavailableException(exception),
        _ => null,
    };

    /// <summary>
    /// The failure itself: when the execution strategy gives up retrying a transient failure (a
    /// deadlock, a timeout, a dropped connection), the last one is inside its exception.
    /// </summary>
    private static Exception Failure(Exception exception) =>
        exception is RetryLimitExceededException { InnerException: { } last } ? last : exception;

    /// <summary>A unique index or primary key refused the write.</summary>
    public static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
        SqlException sql => sql.Number is 2601 or 2627,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Creating the database failed because it exists: another instance created it a moment before.</summary>
    public static bool IsDatabaseAlreadyCreated(Exception? exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DuplicateDatabase,
        SqlException sql => sql.Number == 1801,
        null => false,
        _ => IsDatabaseAlreadyCreated(exception.InnerException),
    };

    private static bool IsConstraintViolation(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        SqlException sql => sql.Number is 515 or 547 or 2601 or 2627, // null, foreign key or check, unique
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal), // integrity constraint violation
        _ => false,
    };
}

/// <summary>The database cannot answer right now (HTTP 503, with Retry-After).</summary>
public sealed class DatabaseUnavailableException(Exception inner)
    : CodedException(ErrorCodes.ServiceUnavailable, "The database is unavailable right now. Retry shortly.")
{
    public Exception Failure { get; } = inner;
}

/// <summary>The database refused a write for the data's sake, and no rule said why first (HTTP 409).</summary>
public sealed class DatabaseConflictException(Exception inner)
    : CodedException(ErrorCodes.Conflict, "The change conflicts with the current state of the workspace. Read it again and retry.")
{
    public Exception Failure { get; } = inner;
}
