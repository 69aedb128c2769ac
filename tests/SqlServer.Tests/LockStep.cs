using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// Pairs the commands of two hosts of the service that are sent the same requests one after the
/// other: the SQLite host's commands run for real and their answers are queued; the SQL Server
/// host's commands, in the same order, are recorded as SQL Server's provider wrote them and
/// answered with the queued answers, so each gets the rows its SQLite twin got. Before lock-step
/// begins (the SQL Server host's start), <see cref="Script"/> answers instead.
/// </summary>
public sealed class LockStep
{
    private readonly Lock _gate = new();
    private readonly Queue<Answer> _answers = new();
    private readonly List<string> _mismatches = [];
    private readonly List<string> _sqlServerCommands = [];
    private readonly Dictionary<Guid, Guid> _uuids = [];

    /// <summary>Whether the SQLite host's answers are queued and the SQL Server host answered from them.</summary>
    public bool Paired { get; set; }

    /// <summary>The answers to the SQL Server host's commands while not <see cref="Paired"/>.</summary>
    public Func<string, string, Answer>? Script { get; set; }

    public IReadOnlyList<string> SqlServerCommands
    {
        get { lock (_gate) return [.. _sqlServerCommands]; }
    }

    /// <summary>A statement the SQL Server host sends outside EF's command pipeline (savepoints), recorded without an answer.</summary>
    public void Sent(string sqlServerText)
    {
        lock (_gate) _sqlServerCommands.Add(sqlServerText);
    }

    public void Record(Answer answer)
    {
        if (!Paired) return;
        lock (_gate) _answers.Enqueue(answer);
    }

    /// <summary>
    /// The SQL Server host's answer to its next command. Uuids the service makes up in .NET (a new
    /// task's, a clone's) differ between the hosts: the ones each host's command names are paired
    /// in order, and the SQLite rows handed to the SQL Server host carry the SQL Server host's own.
    /// </summary>
    public Answer Next(string kind, string sqlServerText, IReadOnlyList<Guid> sqlServerUuids)
    {
        lock (_gate)
        {
            _sqlServerCommands.Add(sqlServerText);
            if (!Paired)
                return (Script ?? throw new InvalidOperationException("No script answers before lock-step."))(kind, sqlServerText);
            if (!_answers.TryDequeue(out var answer))
            {
                _mismatches.Add($"SQL Server sent a command SQLite did not:\n{sqlServerText}");
                throw new InvalidOperationException("SQL Server sent a command SQLite did not.");
            }
            if (answer.Kind != kind || Verb(answer.SqliteText) != Verb(sqlServerText))
                _mismatches.Add($"Commands out of step: SQLite ran a {answer.Kind}\n{answer.SqliteText}\nSQL Server a {kind}\n{sqlServerText}");
            if (answer.Uuids.Count == sqlServerUuids.Count)
                for (var i = 0; i < sqlServerUuids.Count; i++) _uuids[answer.Uuids[i]] = sqlServerUuids[i];
            return answer with { Sets = answer.Sets.Select(set => set with { Rows = set.Rows.Select(Translate).ToList() }).ToList() };
        }
    }

    private object?[] Translate(object?[] row) =>
        row.Select(v => v is string s && s.Length == 36 && Guid.TryParse(s, out var g) && _uuids.TryGetValue(g, out var mine) ? mine.ToString().ToUpperInvariant() : v).ToArray();

    /// <summary>Fails when the two hosts' commands of the step just done did not pair one to one.</summary>
    public void AssertInStep(string step, string answers = "")
    {
        lock (_gate)
        {
            var left = _answers.Select(a => $"SQLite ran a command SQL Server did not:\n{a.SqliteText}").ToList();
            var problems = _mismatches.Concat(left).ToList();
            _answers.Clear();
            _mismatches.Clear();
            Assert.That(problems, Is.Empty, $"{step}: the hosts' commands did not pair one to one{answers}");
        }
    }

    /// <summary>The statement's first keyword after the session settings SQL Server's commands start with.</summary>
    private static string Verb(string text)
    {
        var statements = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => !s.StartsWith("SET ", StringComparison.OrdinalIgnoreCase) && !s.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase));
        var first = statements.FirstOrDefault() ?? "";
        var verb = first.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant() ?? "";
        // An upsert (the audit log's counter) is INSERT … ON CONFLICT on SQLite and MERGE on SQL Server.
        return verb == "MERGE" ? "INSERT" : verb;
    }
}

/// <summary>On the SQLite host: reads every command's answer, queues it, and hands EF the same rows.</summary>
public sealed class SqliteRecorder(LockStep lockStep) : DbCommandInterceptor
{
    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (!lockStep.Paired) return result;
        var answer = await Answer.ReadAllAsync(result, command.CommandText, cancellationToken) with { Uuids = Uuids.In(command) };
        await result.DisposeAsync();
        lockStep.Record(answer);
        return new RowsReader(answer.Sets, answer.RecordsAffected);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (!lockStep.Paired) return result;
        var answer = Answer.ReadAllAsync(result, command.CommandText, CancellationToken.None).GetAwaiter().GetResult() with { Uuids = Uuids.In(command) };
        result.Dispose();
        lockStep.Record(answer);
        return new RowsReader(answer.Sets, answer.RecordsAffected);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        lockStep.Record(new Answer(Answer.NonQuery, [], result, null, command.CommandText) { Uuids = Uuids.In(command) });
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NonQueryExecuted(command, eventData, result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        lockStep.Record(new Answer(Answer.ScalarKind, [], -1, result, command.CommandText) { Uuids = Uuids.In(command) });
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuted(command, eventData, result));
}

/// <summary>
/// On the SQL Server host: the connection is a <see cref="NoServerConnection"/> (opened without a
/// server, its transactions begun nowhere), and every command EF creates is a
/// <see cref="ReplayCommand"/> (its parameters real <see cref="SqlParameter"/>s, as the provider
/// configures them), answered by <see cref="LockStep"/>.
/// </summary>
public sealed class NoServer(LockStep lockStep)
{
    public IInterceptor[] Interceptors => [new Connections(lockStep), new Transactions(lockStep), new Commands(lockStep)];

    private sealed class Connections(LockStep lockStep) : DbConnectionInterceptor
    {
        public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
            InterceptionResult<DbConnection>.SuppressWithResult(new NoServerConnection(lockStep, eventData.ConnectionString ?? ""));
    }

    /// <summary>
    /// Transactions are not begun; a savepoint (SaveChanges takes one inside a transaction) is sent
    /// by EF on a command of its own, outside the interceptors of commands, so its statement is
    /// recorded here, as SQL Server's provider writes it, and not sent.
    /// </summary>
    private sealed class Transactions(LockStep lockStep) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
            InterceptionResult<DbTransaction>.SuppressWithResult(new FakeTransaction(connection));

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(TransactionStarting(connection, eventData, result));

        public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            Savepoint(eventData, (sql, name) => sql.GenerateCreateSavepointStatement(name));

        public override ValueTask<InterceptionResult> CreatingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(CreatingSavepoint(transaction, eventData, result));

        public override InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            Savepoint(eventData, (sql, name) => sql.GenerateRollbackToSavepointStatement(name));

        public override ValueTask<InterceptionResult> RollingBackToSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(RollingBackToSavepoint(transaction, eventData, result));

        public override InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ReleasingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        private InterceptionResult Savepoint(TransactionEventData eventData, Func<ISqlGenerationHelper, string, string> statement)
        {
            // The name SaveChanges gives its savepoint (the only one the service takes).
            lockStep.Sent(statement(eventData.Context!.GetService<ISqlGenerationHelper>(), "__EFSavePoint"));
            return InterceptionResult.Suppress();
        }
    }

    private sealed class Commands(LockStep lockStep) : DbCommandInterceptor
    {
        public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
            InterceptionResult<DbCommand>.SuppressWithResult(new ReplayCommand(lockStep));
    }
}

/// <summary>A command that records its text and answers with what <see cref="LockStep"/> gives it.</summary>
/// <summary>A connection that opens without a server: its state is all there is to it.</summary>
public sealed class NoServerConnection(LockStep lockStep, string connectionString) : DbConnection
{
    private ConnectionState _state = ConnectionState.Closed;

    [AllowNull]
    public override string ConnectionString { get; set; } = connectionString;
    public override string Database => "Workflows";
    public override string DataSource => "sqlserver.invalid";
    public override string ServerVersion => "16.00.1000";
    public override ConnectionState State => _state;

    public override void Open() => _state = ConnectionState.Open;
    public override Task OpenAsync(CancellationToken cancellationToken) { Open(); return Task.CompletedTask; }
    public override void Close() => _state = ConnectionState.Closed;
    public override void ChangeDatabase(string databaseName) { }
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new FakeTransaction(this);
    protected override DbCommand CreateDbCommand() => new ReplayCommand(lockStep) { Connection = this };
}

public sealed class ReplayCommand(LockStep lockStep) : DbCommand
{
    private readonly SqlCommand _parameters = new();

    [AllowNull]
    public override string CommandText { get; set; } = "";
    public override int CommandTimeout { get; set; } = 30;
    public override CommandType CommandType { get; set; } = CommandType.Text;
    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }
    protected override DbConnection? DbConnection { get; set; }
    protected override DbTransaction? DbTransaction { get; set; }
    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

    public override void Cancel() { }
    public override void Prepare() { }
    protected override DbParameter CreateDbParameter() => new SqlParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var answer = lockStep.Next(Answer.Reader, CommandText, Uuids.In(this));
        return new RowsReader(answer.Sets, answer.RecordsAffected);
    }

    public override int ExecuteNonQuery() => lockStep.Next(Answer.NonQuery, CommandText, Uuids.In(this)).RecordsAffected;

    public override object? ExecuteScalar() => lockStep.Next(Answer.ScalarKind, CommandText, Uuids.In(this)).Scalar;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _parameters.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>The uuids a command names: as literals in its text (SQLite's set-based inserts), or else as parameters, in order.</summary>
public static partial class Uuids
{
    public static IReadOnlyList<Guid> In(DbCommand command)
    {
        var literals = Literal().Matches(command.CommandText).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        if (literals.Count > 0) return literals;
        return command.Parameters.Cast<DbParameter>()
            .Select(p => p.Value switch { Guid g => g, string s when s.Length == 36 && Guid.TryParse(s, out var g) => g, _ => (Guid?)null })
            .OfType<Guid>().ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})'")]
    private static partial System.Text.RegularExpressions.Regex Literal();
}
