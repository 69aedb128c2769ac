namespace Workflows.TestSupport;

/// <summary>A clock that always reads <paramref name="now"/>: for driving a time-based sweep directly.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
