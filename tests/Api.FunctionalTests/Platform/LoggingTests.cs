using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Api.FunctionalTests.Platform;

/// <summary>
/// Expected outcomes are not errors of the service: a 4xx (a name conflict, a conflict the database
/// refused, invalid input, a body it cannot decode) logs nothing at Error or above; a 5xx does.
/// The service's log is captured by a provider added to its logging.
/// </summary>
[NonParallelizable]
public sealed class LoggingTests
{
    private LogCapturingFactory _factory = null!;
    private TestWorkspace _ws = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new LogCapturingFactory();
        _ws = await TestWorkspace.CreateAsync(_factory);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [SetUp]
    public void Forget()
    {
        _factory.Logs.Clear();
        _factory.Failure.Fail = null;
    }

    [Test]
    public async Task NameConflict_Returns409_AndLogsNoError()
    {
        await _ws.CreateWorkflowAsync(name: "Taken once");

        var response = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows", new { name = "Taken once" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "workflow_name_conflict");
        Assert.That(_factory.Logs.Errors, Is.Empty);
    }

    [Test]
    public async Task NameConflictTheDatabaseFound_Returns409_AndLogsNoError()
    {
        _factory.Failure.Fail = sql => sql.Contains("INSERT INTO \"Workflows\"", StringComparison.Ordinal)
            ? new SqliteException("UNIQUE constraint failed: Workflows.WorkspaceId, Workflows.NameKey", 19, 2067) : null;

        var response = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows", new { name = "Lost a race" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        Assert.That(_factory.Logs.Errors, Is.Empty);
    }

    [Test]
    public async Task ForeignKeyConflict_Returns409_AndLogsNoError()
    {
        _factory.Failure.Fail = sql => sql.Contains("INSERT INTO \"Workflows\"", StringComparison.Ordinal)
            ? new SqliteException("FOREIGN KEY constraint failed", 19, 787) : null;

        var response = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows", new { name = "Refers to what went" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.That(_factory.Logs.Errors, Is.Empty);
    }

    [Test]
    public async Task InvalidInput_Returns400_AndLogsNoError()
    {
        var response = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows", new { name = "" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(_factory.Logs.Errors, Is.Empty);
    }

    [TestCase("utf-16")]
    [TestCase("utf-16le")]
    [TestCase("utf-16be")]
    [TestCase("latin1")]
    [TestCase("utf-32")]
    public async Task BodyInACharsetOtherThanUtf8_Returns415_AndLogsNoError(string charset)
    {
        var bodies = new[]
        {
            Encoding.Unicode.GetBytes("""{"name":"In UTF-16"}"""),
            [0x7b, 0x00, 0x22],                         // cut in the middle of a code unit
            [0x7b, 0x00, 0x00, 0xd8, 0x22, 0x00, 0x7d, 0x00], // a lone surrogate
        };
        foreach (var body in bodies)
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

            var response = await _ws.Admin.Client.PostAsync($"{_ws.Root}/workflows", content);

            await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        }
        Assert.That(_factory.Logs.Errors, Is.Empty);
    }

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("application/json; charset=UTF-8")]
    public async Task BodyThatIsNotValidUtf8_Returns400_AndLogsNoError(string contentType)
    {
        var content = new ByteArrayContent([.. "{\"name\":\"Bad "u8, 0xc3, 0x28, .. "\"}"u8]);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _ws.Admin.Client.PostAsync($"{_ws.Root}/workflows", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(_factory.Logs.Errors, Is.Empty);
    }

    [Test]
    public async Task BodyInUtf8_DeclaredSo_IsRead()
    {
        var content = new StringContent("""{"name":"Déclaré en UTF-8"}""", Encoding.UTF8, "application/json");
        content.Headers.ContentType!.CharSet = "UTF-8";

        var response = await _ws.Admin.Client.PostAsync($"{_ws.Root}/workflows", content);

        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task DatabaseFailure_Returns503_AndIsLoggedAsAnError()
    {
        _factory.Failure.Fail = sql => sql.Contains("INSERT INTO \"Workflows\"", StringComparison.Ordinal)
            ? new SqliteException("disk I/O error", 10) : null;

        var response = await _ws.Admin.Client.PostJsonAsync($"{_ws.Root}/workflows", new { name = "Never written" });

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.That(_factory.Logs.Errors, Is.Not.Empty);
    }

    public sealed class LogCapturingFactory : WorkflowsApiFactory
    {
        public CapturedLogs Logs { get; } = new();

        public FailingCommands Failure { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddDbInterceptor(Failure);
    }

    /// <summary>Fails the commands <see cref="Fail"/> picks, with the exception it returns, before they reach the database.</summary>
    public sealed class FailingCommands : CommandObserver
    {
        public volatile Func<string, Exception?>? Fail;

        protected override void Executing(DbCommand command)
        {
            if (Fail?.Invoke(command.CommandText) is { } exception) throw exception;
        }
    }

    /// <summary>Every entry the service logs, at every level its filters let through.</summary>
    public sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

        public IReadOnlyList<string> Errors =>
            [.. _entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Level} {e.Category}: {e.Message}")];

        public void Clear() => _entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs._entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
