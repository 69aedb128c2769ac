using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Api.FunctionalTests.AuditLog;

/// <summary>
/// An entry's time never goes down as the log goes on, even when the clock that recorded it is
/// behind the one before (another instance's, or this one set back), and the time filters, which
/// rely on that to read a range of sequence numbers, answer exactly the entries of their range:
/// from the first entry in it, up to the last, and those written later.
/// </summary>
[NonParallelizable]
public sealed class AuditTimeOrderTests
{
    /// <summary>A clock the test moves, a few seconds at a time (tokens stay valid); in whole microseconds, as the service's.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private DateTimeOffset _now = TimeProvider.System.GetUtcNow() is var now ? now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond)) : default;

        public DateTimeOffset Now => _now;

        public void Move(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    private sealed class ClockedApiFactory : WorkflowsApiFactory
    {
        public MovableClock Clock { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    [Test]
    public async Task TimesNeverGoBack_AndTheTimeFiltersReadExactlyTheirRange()
    {
        using var factory = new ClockedApiFactory();
        var ws = await TestWorkspace.CreateAsync(factory);
        factory.Clock.Move(TimeSpan.FromSeconds(10));
        var early = factory.Clock.Now;
        var a = await ws.CreateWorkflowAsync(name: "A");
        factory.Clock.Move(TimeSpan.FromSeconds(-5)); // a clock behind the last entry's
        var b = await ws.CreateWorkflowAsync(name: "B");
        factory.Clock.Move(TimeSpan.FromSeconds(20));
        var late = factory.Clock.Now;
        var c = await ws.CreateWorkflowAsync(name: "C");

        var log = await ws.AuditEntriesAsync();
        var at = log.Where(e => e.Target.Type == "workflow").ToDictionary(e => e.Target.Id!.Value, e => e.At);
        string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));
        Assert.Multiple(async () =>
        {
            Assert.That(log.Select(e => e.At), Is.Ordered, "times follow the sequence");
            Assert.That(at[a.Id], Is.EqualTo(early.UtcDateTime), "A at the time it was recorded");
            Assert.That(at[b.Id], Is.EqualTo(early.UtcDateTime), "B recorded 5 s earlier by its clock, kept at A's time");
            Assert.That(at[c.Id], Is.EqualTo(late.UtcDateTime));
            Assert.That((await ws.AuditEntriesAsync($"from={Q(early)}")).Select(e => e.Target.Id), Is.EqualTo(new long?[] { a.Id, b.Id, c.Id }));
            Assert.That((await ws.AuditEntriesAsync($"from={Q(early.AddTicks(10))}")).Select(e => e.Target.Id), Is.EqualTo(new long?[] { c.Id }));
            Assert.That((await ws.AuditEntriesAsync($"to={Q(late)}")).Select(e => e.Sequence),
                Is.EqualTo(log.Where(e => e.Target.Id != c.Id || e.Target.Type != "workflow").Select(e => e.Sequence)));
            Assert.That((await ws.AuditEntriesAsync($"from={Q(early)}&to={Q(late)}&action=workflow.created")).Select(e => e.Target.Id), Is.EqualTo(new long?[] { a.Id, b.Id }));
            Assert.That(await ws.AuditEntriesAsync($"to={Q(early)}&targetType=workflow"), Is.Empty);
        });
    }

    [Test]
    public async Task AFeedFromATimeNotYetReached_IsEmpty_ThenFollowsWhatComesAtOrAfterIt()
    {
        using var factory = new ClockedApiFactory();
        var ws = await TestWorkspace.CreateAsync(factory);
        var start = factory.Clock.Now.AddSeconds(30);
        var query = $"from={Uri.EscapeDataString(start.ToString("O"))}";
        var empty = await ws.AuditPageAsync(query);
        await ws.CreateWorkflowAsync(name: "Before");
        factory.Clock.Move(TimeSpan.FromSeconds(30));
        var due = await ws.CreateWorkflowAsync(name: "Due");

        var next = await ws.AuditPageAsync($"{query}&cursor={Uri.EscapeDataString(empty.NextCursor!)}");
        Assert.Multiple(() =>
        {
            Assert.That(empty.Items, Is.Empty);
            Assert.That(next.Items.Select(e => e.Target.Name), Is.EqualTo(new[] { due.Name }), "the entry at the time, not the one before it");
        });
    }
}
