using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Api.FunctionalTests.Performance;

/// <summary>
/// A write compares its tracked entities with their snapshots (EF's change detection, a pass over
/// every property of the workflow, its tasks and transitions) twice at most: for its change, and
/// for its audit entry, which is saved last and so still saves anything left pending. Its version
/// is saved without a pass, and the stamping of CreatedAt/UpdatedAt does not add one. Each save
/// once made two passes and a PUT six, a fifth of its CPU under load.
/// </summary>
[NonParallelizable]
public sealed class ChangeDetectionTests
{
    /// <summary>Counts EF's DetectChangesStarting events.</summary>
    private sealed class PassCounter : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Passes { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == CoreEventId.DetectChangesStarting.Id) Passes.Enqueue(formatter(state, exception));
        }

        public void Dispose() { }
    }

    private sealed class CountingApiFactory : WorkflowsApiFactory
    {
        public PassCounter Counter { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddLogging(b => b.AddProvider(Counter).AddFilter("Microsoft.EntityFrameworkCore.ChangeTracking", LogLevel.Debug));
    }

    [Test]
    public async Task AWrite_LooksForChangesAtMostTwice_WhateverItsTaskCount()
    {
        using var factory = new CountingApiFactory();
        var ws = await TestWorkspace.CreateAsync(factory);
        var (workflow, _, _, _) = await ws.CreateWorkflowWithTasksAsync();

        factory.Counter.Passes.Clear();
        await (await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}", new { description = "Looked at twice" })).ShouldSucceedAsync();
        var put = factory.Counter.Passes.Count;
        factory.Counter.Passes.Clear();
        await (await ws.Admin.Client.PutJsonAsync($"{ws.Root}/workflows/{workflow.Id}/tasks/{workflow.Tasks[0].Id}", new { description = "And this" })).ShouldSucceedAsync();
        var putTask = factory.Counter.Passes.Count;

        Assert.Multiple(() =>
        {
            Assert.That(put, Is.InRange(1, 2), "PUT workflow: its change and its audit entry");
            Assert.That(putTask, Is.InRange(1, 2), "PUT task: its change and its audit entry");
        });
    }
}
