using System.Data.Common;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Audit;
using Workflows.Infrastructure.Data;

namespace Workflows.Bench.Scaling;

/// <summary>Counts every SQL command the service's DbContext sends.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// The real service (its Program, configuration and pipeline) hosted in this process on the
/// scaling database, with <see cref="CommandCounter"/> added to its DbContext.
/// </summary>
public sealed class InProcessService : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly Tokens _tokens;
    private readonly CommandCounter _counter;
    private readonly Action<IServiceCollection>? _services;

    // services: replaces services of the real composition (e.g. a history recorder that records nothing, for a baseline).
    public InProcessService(string apiProjectDirectory, string databasePath, Tokens tokens, CommandCounter counter, Action<IServiceCollection>? services = null)
    {
        // The factory looks for the service's content root beside the solution by assembly name
        // (Workflows.Api); the project lives in src/Api, so name it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKFLOWS_API", apiProjectDirectory);
        _databasePath = databasePath;
        _tokens = tokens;
        _counter = counter;
        _services = services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var (databasePath, tokens, counter, replace) = (_databasePath, _tokens, _counter, _services);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in tokens.ServiceSettings()) builder.UseSetting(key, value);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Workflows", $"Data Source={databasePath}");
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<SqliteWorkflowsDbContext>(options => options.AddInterceptors(counter));
            replace?.Invoke(services);
        });
    }

    public HttpClient ClientFor(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>Writes no audit entry: the same request without the audit log's two statements.</summary>
public sealed class NoAuditLog : IAuditLog
{
    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) => Task.CompletedTask;
}
