using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Workflows.Reliability.Tests.Infrastructure;

/// <summary>
/// Makes the database fail on demand, below EF Core: every command while <see cref="DatabaseDown"/>
/// is set (as when the file cannot be read), once, at the first command a test names (a failure
/// in the middle of a unit of work), or from a named command on (the process lost its database
/// half-way). It throws what the provider throws when its database is lost:
/// a <see cref="SqliteException"/> (disk I/O error) or a <see cref="NpgsqlException"/>. It can also hold a
/// named command back until the test lets it go, or until the request is cancelled.
/// </summary>
public sealed class FaultInjector : CommandObserver
{
    private const int SqliteIoError = 10; // SQLITE_IOERR: "disk I/O error"

    private Func<DbCommand, bool>? _failOnce;
    private Func<DbCommand, bool>? _failFrom;
    private (Func<DbCommand, bool> Matches, Pause Pause)? _pause;
    private int _injected;

    /// <summary>While set, every command fails.</summary>
    public bool DatabaseDown { get; set; }

    /// <summary>How many commands were made to fail since the last <see cref="Reset"/>.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Fails the next command whose SQL contains <paramref name="sql"/> (once).</summary>
    public void FailNextCommandContaining(string sql) =>
        Volatile.Write(ref _failOnce, command => command.CommandText.Contains(sql, StringComparison.Ordinal));

    /// <summary>Fails the next command whose SQL contains <paramref name="sql"/> and every command after it (<see cref="DatabaseDown"/>).</summary>
    public void FailFromCommandContaining(string sql) =>
        Volatile.Write(ref _failFrom, command => command.CommandText.Contains(sql, StringComparison.Ordinal));

    /// <summary>
    /// Holds the next asynchronous command whose SQL contains <paramref name="sql"/> until
    /// <see cref="Pause.Release"/>, or until its request is cancelled (the command then fails as a
    /// cancelled command does).
    /// </summary>
    public Pause PauseAtNextCommandContaining(string sql)
    {
        var pause = new Pause();
        lock (this) _pause = (command => command.CommandText.Contains(sql, StringComparison.Ordinal), pause);
        return pause;
    }

    public void Reset()
    {
        DatabaseDown = false;
        Volatile.Write(ref _failOnce, null);
        Volatile.Write(ref _failFrom, null);
        lock (this) _pause = null;
        Volatile.Write(ref _injected, 0);
    }

    protected override async ValueTask ExecutingAsync(DbCommand command, CancellationToken cancellationToken)
    {
        Pause? held = null;
        lock (this)
        {
            if (_pause is { } pause && pause.Matches(command))
            {
                held = pause.Pause;
                _pause = null;
            }
        }
        if (held is not null)
        {
            held.Reach();
            await held.Released.WaitAsync(cancellationToken);
        }
        Executing(command);
    }

    protected override void Executing(DbCommand command)
    {
        if (!DatabaseDown)
        {
            var from = Volatile.Read(ref _failFrom);
            if (from is not null && from(command) && Interlocked.CompareExchange(ref _failFrom, null, from) == from)
            {
                DatabaseDown = true;
            }
            else
            {
                var rule = Volatile.Read(ref _failOnce);
                if (rule is null || !rule(command) || Interlocked.CompareExchange(ref _failOnce, null, rule) != rule) return;
            }
        }
        Interlocked.Increment(ref _injected);
        throw TestDatabase.Provider == TestProvider.PostgreSql
            ? new NpgsqlException("Injected failure: the server did not answer.")
            : new SqliteException("SQLite Error 10: 'disk I/O error'.", SqliteIoError);
    }
}

/// <summary>A point where a request is held: <see cref="Reached"/> once it is there, and let go with <see cref="Release"/>.</summary>
public sealed class Pause
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;
    internal Task Released => _released.Task;

    internal void Reach() => _reached.TrySetResult();

    public void Release() => _released.TrySetResult();
}

/// <summary>
/// Holds the response of one request (named by its <c>Idempotency-Key</c>) before its first byte
/// is written: the request's work is done, its answer not yet sent. The hold ends with
/// <see cref="Pause.Release"/> or when the client goes away.
/// </summary>
public sealed class ResponseHold
{
    private (string Key, Pause Pause)? _armed;

    public Pause HoldResponseTo(string idempotencyKey)
    {
        var pause = new Pause();
        lock (this) _armed = (idempotencyKey, pause);
        return pause;
    }

    internal Pause? Take(HttpContext context)
    {
        lock (this)
        {
            if (_armed is not { } armed || context.Request.Headers["Idempotency-Key"] != armed.Key) return null;
            _armed = null;
            return armed.Pause;
        }
    }

    internal sealed class StartupFilter(ResponseHold hold) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (hold.Take(context) is { } pause)
                    context.Response.Body = new HeldStream(context.Response.Body, pause, context.RequestAborted);
                await proceed(context);
            });
            next(app);
        };
    }

    private sealed class HeldStream(Stream inner, Pause pause, CancellationToken aborted) : Stream
    {
        private bool _held;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await HoldAsync();
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            HoldAsync().GetAwaiter().GetResult();
            inner.Write(buffer, offset, count);
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await HoldAsync();
            await inner.FlushAsync(cancellationToken);
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private async Task HoldAsync()
        {
            if (_held) return;
            _held = true;
            pause.Reach();
            await pause.Released.WaitAsync(aborted);
        }
    }
}

/// <summary>
/// The service on a database of its own, with a <see cref="FaultInjector"/> under its DbContext
/// and a <see cref="ResponseHold"/> in front of its pipeline; <paramref name="settings"/> override
/// its configuration.
/// </summary>
public sealed class FaultyApiFactory(IReadOnlyDictionary<string, string>? settings = null) : WorkflowsApiFactory
{
    public FaultInjector Faults { get; } = new();

    public ResponseHold Responses { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(name, value);
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddDbInterceptor(Faults);
        services.AddSingleton<IStartupFilter>(new ResponseHold.StartupFilter(Responses));
    }
}
