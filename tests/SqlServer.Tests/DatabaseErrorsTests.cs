using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Domain.Common;
using Workflows.Infrastructure.Data;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// SQL Server's failures answer as SQLite's do for the same situation: a constraint the write broke
/// is the caller's (409 conflict), a deadlock, a timeout or a lost connection is the database's
/// (503 service unavailable), whether it surfaces from SaveChanges, from a statement of its own
/// (ExecuteUpdate, the set-based inserts) or after the execution strategy has given up retrying.
/// </summary>
public class DatabaseErrorsTests
{
    private static readonly string Conflict = ErrorCodes.Conflict.Code;
    private static readonly string Unavailable = ErrorCodes.ServiceUnavailable.Code;

    public static IEnumerable<TestCaseData> SqlServerFailures()
    {
        yield return new TestCaseData(2601, Conflict).SetName("2601 duplicate key in a unique index: conflict");
        yield return new TestCaseData(2627, Conflict).SetName("2627 unique constraint or primary key: conflict");
        yield return new TestCaseData(547, Conflict).SetName("547 foreign key or check constraint: conflict");
        yield return new TestCaseData(515, Conflict).SetName("515 null into a not-null column: conflict");
        yield return new TestCaseData(1205, Unavailable).SetName("1205 deadlock victim: unavailable");
        yield return new TestCaseData(-2, Unavailable).SetName("-2 timeout: unavailable");
        yield return new TestCaseData(53, Unavailable).SetName("53 server not found: unavailable");
        yield return new TestCaseData(10054, Unavailable).SetName("10054 connection reset: unavailable");
        yield return new TestCaseData(40613, Unavailable).SetName("40613 database not available: unavailable");
        yield return new TestCaseData(1222, Unavailable).SetName("1222 lock request timeout: unavailable");
    }

    [TestCaseSource(nameof(SqlServerFailures))]
    public void A_SQL_Server_failure_from_SaveChanges(int number, string code) =>
        Assert.That(CodeOf(new DbUpdateException("save failed", SqlExceptions.WithNumber(number))), Is.EqualTo(code));

    [TestCaseSource(nameof(SqlServerFailures))]
    public void A_SQL_Server_failure_from_a_statement_of_its_own(int number, string code) =>
        Assert.That(CodeOf(SqlExceptions.WithNumber(number)), Is.EqualTo(code));

    [TestCase(1205)]
    [TestCase(-2)]
    [TestCase(10054)]
    [TestCase(40613)]
    public void A_transient_failure_the_execution_strategy_gave_up_on_is_unavailable(int number)
    {
        var fromStatement = new RetryLimitExceededException("retried three times", SqlExceptions.WithNumber(number));
        var fromSave = new RetryLimitExceededException("retried three times", new DbUpdateException("save failed", SqlExceptions.WithNumber(number)));

        Assert.Multiple(() =>
        {
            Assert.That(CodeOf(fromStatement), Is.EqualTo(Unavailable));
            Assert.That(CodeOf(fromSave), Is.EqualTo(Unavailable));
        });
    }

    [TestCase(2601, true)]
    [TestCase(2627, true)]
    [TestCase(547, false)]
    [TestCase(1205, false)]
    public void Unique_violations_are_told_apart(int number, bool unique) =>
        Assert.That(DatabaseErrors.IsUniqueViolation(SqlExceptions.WithNumber(number)), Is.EqualTo(unique));

    /// <summary>The same situations on SQLite: the answers the SQL Server cases above are held to.</summary>
    public static IEnumerable<TestCaseData> SqliteFailures()
    {
        yield return new TestCaseData(19, 2067, Conflict).SetName("SQLite unique: conflict");
        yield return new TestCaseData(19, 1555, Conflict).SetName("SQLite primary key: conflict");
        yield return new TestCaseData(19, 787, Conflict).SetName("SQLite foreign key: conflict");
        yield return new TestCaseData(19, 1299, Conflict).SetName("SQLite not null: conflict");
        yield return new TestCaseData(5, 5, Unavailable).SetName("SQLite busy: unavailable");
        yield return new TestCaseData(10, 10, Unavailable).SetName("SQLite I/O error: unavailable");
    }

    [TestCaseSource(nameof(SqliteFailures))]
    public void The_same_situation_on_SQLite(int error, int extended, string code)
    {
        var failure = new SqliteException("SQLite refused the statement.", error, extended);

        Assert.Multiple(() =>
        {
            Assert.That(CodeOf(new DbUpdateException("save failed", failure)), Is.EqualTo(code), "from SaveChanges");
            Assert.That(CodeOf(failure), Is.EqualTo(code), "from a statement of its own");
        });
    }

    [Test]
    public void What_is_no_database_failure_is_left_alone()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DatabaseErrors.Translate(new InvalidOperationException("a bug")), Is.Null);
            Assert.That(DatabaseErrors.Translate(new ArgumentException("a bug")), Is.Null);
        });
    }

    private static string? CodeOf(Exception exception) => DatabaseErrors.Translate(exception)?.Error.Code;
}
