using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workflows.SqlServer.Tests;

/// <summary>The errors a host logged (a failed request's exception), to show beside a failed step.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public string Drain()
    {
        var all = new List<string>();
        while (_errors.TryDequeue(out var e)) all.Add(e);
        return string.Join("\n", all);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(_errors);

    public void Dispose() { }

    private sealed class Logger(ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{formatter(state, exception)}\n{exception}");
        }
    }
}
