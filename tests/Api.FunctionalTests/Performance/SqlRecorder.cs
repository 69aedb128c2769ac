using System.Collections.Concurrent;
using System.Data.Common;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>A SQL command the service sent, with the values of its parameters.</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>Records every command the service's DbContext sends, so tests can count them and ask for their plans.</summary>
public sealed class SqlRecorder : CommandObserver
{
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();

    public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    protected override void Executing(DbCommand command) =>
        _commands.Enqueue(new RecordedCommand(
            command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
}
