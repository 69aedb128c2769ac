using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.TestSupport;

/// <summary>
/// Sees every SQL command the service's DbContext is about to send, synchronous or not, reader,
/// non-query or scalar, in one method: for tests that count, record or fail commands.
/// </summary>
public abstract class CommandObserver : DbCommandInterceptor
{
    /// <summary>Called before each command is executed; throwing fails the command.</summary>
    protected abstract void Executing(DbCommand command);

    /// <summary>
    /// Called before each asynchronous command, with the command's cancellation (the request's);
    /// by default <see cref="Executing"/>. Awaiting here holds the command back.
    /// </summary>
    protected virtual ValueTask ExecutingAsync(DbCommand command, CancellationToken cancellationToken)
    {
        Executing(command);
        return ValueTask.CompletedTask;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Executing(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await ExecutingAsync(command, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Executing(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await ExecutingAsync(command, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Executing(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await ExecutingAsync(command, cancellationToken);
        return result;
    }
}
