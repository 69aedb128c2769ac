namespace Workflows.Infrastructure.Data;

/// <summary>
/// The service's clock: the system's time in whole microseconds. PostgreSQL keeps timestamps to
/// the microsecond (SQL Server and SQLite to a tenth of one), so a time with finer ticks would be
/// answered one way when written and another when read back; at microseconds every provider
/// stores exactly what the service answered.
/// </summary>
public sealed class StorageClock : TimeProvider
{
    public static readonly StorageClock Instance = new();

    private StorageClock() { }

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
