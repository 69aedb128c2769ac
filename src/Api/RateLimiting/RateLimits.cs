using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Workflows.Api.Security;

namespace Workflows.Api.RateLimiting;

/// <summary>
/// The two partitions every limited request draws on, each a token bucket of the library
/// (<see cref="TokenBucketRateLimiter"/>) that holds a minute's permits and refills them evenly
/// over the minute:
/// <list type="bullet">
/// <item><b>caller</b>: the token's <c>oid</c> (or, failing that, its application id,
/// <c>azp</c>/<c>appid</c>); a request without a valid token, which will be answered 401, draws on
/// its remote address instead, so that refused tokens never spend a caller's or a workspace's permits;</item>
/// <item><b>workspace</b>: the route's <c>workspace_uuid</c>, for routes under a workspace and
/// authenticated callers.</item>
/// </list>
/// The two are chained (<see cref="PartitionedRateLimiter.CreateChained{TResource}"/>), caller first:
/// a request needs permits from both, and a caller refused on its own limit takes nothing from
/// the workspace. A write takes <see cref="RateLimitingOptions.WriteCost"/> permits from each,
/// a read one (<see cref="WeightedLimiter"/>).
/// </summary>
public sealed class RateLimits : IDisposable
{
    public const string CallerPolicy = "caller";
    public const string WorkspacePolicy = "workspace";

    /// <summary>The window a quota is given for, in seconds: the limits are per minute.</summary>
    public const int WindowSeconds = 60;

    private const string WorkspaceRouteValue = "workspace_uuid";
    private static readonly string[] ApplicationIdClaims = ["azp", "appid"];

    private readonly PartitionedRateLimiter<HttpContext> _callers;
    private readonly PartitionedRateLimiter<HttpContext> _workspaces;
    private readonly PartitionedRateLimiter<HttpContext> _chained;

    public RateLimits(IOptions<RateLimitingOptions> options)
    {
        var settings = options.Value;
        CallerQuota = settings.PermitsPerMinute;
        WorkspaceQuota = settings.WorkspacePermitsPerMinute;
        WriteCost = settings.WriteCost;
        _callers = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => Bucket(CallerQuota)));
        _workspaces = PartitionedRateLimiter.Create<HttpContext, Guid>(context =>
            WorkspaceOf(context) is { } workspace
                ? RateLimitPartition.GetTokenBucketLimiter(workspace, _ => Bucket(WorkspaceQuota))
                : RateLimitPartition.GetNoLimiter(Guid.Empty));
        _chained = PartitionedRateLimiter.CreateChained(_callers, _workspaces);
        Limiter = new WeightedLimiter(_chained, Cost);
    }

    public int CallerQuota { get; }
    public int WorkspaceQuota { get; }
    public int WriteCost { get; }

    /// <summary>The limiter the rate-limiting middleware asks: both partitions, at the request's cost.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The permits a request takes from each partition.</summary>
    public int Cost(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            ? 1
            : WriteCost;

    /// <summary>Where the request stands in each partition it draws on: the caller's, then the workspace's (if any).</summary>
    public IReadOnlyList<Standing> StateOf(HttpContext context)
    {
        var caller = new Standing(CallerPolicy, CallerQuota, Available(_callers, context));
        if (WorkspaceOf(context) is null) return [caller];
        return [caller, new Standing(WorkspacePolicy, WorkspaceQuota, Available(_workspaces, context))];
    }

    private static long Available(PartitionedRateLimiter<HttpContext> limiter, HttpContext context) =>
        limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;

    private static TokenBucketRateLimiterOptions Bucket(int permitsPerMinute) => new()
    {
        TokenLimit = permitsPerMinute,
        TokensPerPeriod = permitsPerMinute,
        ReplenishmentPeriod = TimeSpan.FromSeconds(WindowSeconds),
        QueueLimit = 0,
        // The partitioned limiter refills its buckets itself, in proportion to the time gone by.
        AutoReplenishment = true,
    };

    private static string CallerKey(HttpContext context)
    {
        if (context.User is { Identity.IsAuthenticated: true } user)
        {
            if (TokenRules.ObjectId(user) is { } objectId) return "oid:" + objectId;
            foreach (var type in ApplicationIdClaims)
            {
                if (user.FindFirst(type)?.Value is { Length: > 0 } applicationId) return "app:" + applicationId;
            }
        }
        return "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>The workspace of the route, for an authenticated caller; null elsewhere.</summary>
    private static Guid? WorkspaceOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && context.Request.RouteValues.TryGetValue(WorkspaceRouteValue, out var value)
        && Guid.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var workspace)
            ? workspace
            : null;

    public void Dispose()
    {
        _chained.Dispose();
        _callers.Dispose();
        _workspaces.Dispose();
    }

    /// <summary>A partition's quota and the permits it has left (whole permits; it refills continuously).</summary>
    public sealed record Standing(string Policy, int Quota, long Remaining)
    {
        /// <summary>Seconds until the partition's whole quota is back, at the rate it refills.</summary>
        public int SecondsUntilFull => SecondsFor(Quota - Remaining);

        /// <summary>Seconds until <paramref name="permits"/> more permits have come back (at least one second).</summary>
        public int SecondsFor(long permits) =>
            permits <= 0 ? 0 : (int)Math.Ceiling((double)permits * WindowSeconds / Quota);

        /// <summary>How much of its quota is left, 0 to 1: the partition nearest its limit has the least.</summary>
        public double Share => (double)Remaining / Quota;
    }
}

/// <summary>
/// The chained limiter, asked for as many permits as the request costs: the middleware asks for
/// one, a write takes <see cref="RateLimitingOptions.WriteCost"/>. Nothing waits for permits (the
/// buckets queue nothing), so a request refused once is not asked for again: asking again would
/// take the caller's permits a second time when the workspace refuses it.
/// </summary>
internal sealed class WeightedLimiter(PartitionedRateLimiter<HttpContext> inner, Func<HttpContext, int> cost) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        inner.AttemptAcquire(resource, permitCount * cost(resource));

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RateLimitLease>(Refused.Lease);

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
