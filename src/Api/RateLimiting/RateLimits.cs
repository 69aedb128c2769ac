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
/// a read one (<see cref="WeightedLimiter"/>). The middleware asks with the request,
/// translated to its <see cref="RequestKey"/>.
/// </summary>
public sealed class RateLimits : IDisposable
{
    public const string CallerPolicy = "caller";
    public const string WorkspacePolicy = "workspace";

    /// <summary>The window a quota is given for, in seconds: the limits are per minute.</summary>
    public const int WindowSeconds = 60;

    private const string WorkspaceRouteValue = "workspace_uuid";
    private static readonly string[] ApplicationIdClaims = ["azp", "appid"];

    private readonly PartitionedRateLimiter<RequestKey> _callers;
    private readonly PartitionedRateLimiter<RequestKey> _workspaces;
    private readonly PartitionedRateLimiter<RequestKey> _chained;
    private readonly PartitionedRateLimiter<RequestKey> _weighted;

    public RateLimits(IOptions<RateLimitingOptions> options)
    {
        var settings = options.Value;
        CallerQuota = settings.PermitsPerMinute;
        WorkspaceQuota = settings.WorkspacePermitsPerMinute;
        WriteCost = settings.WriteCost;
        _callers = PartitionedRateLimiter.Create<RequestKey, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key.Caller, _ => Bucket(CallerQuota)));
        _workspaces = PartitionedRateLimiter.Create<RequestKey, Guid>(key =>
            key.Workspace is { } workspace
                ? RateLimitPartition.GetTokenBucketLimiter(workspace, _ => Bucket(WorkspaceQuota))
                : RateLimitPartition.GetNoLimiter(Guid.Empty));
        _chained = PartitionedRateLimiter.CreateChained(_callers, _workspaces);
        _weighted = new WeightedLimiter(_chained);
        Limiter = _weighted.WithTranslatedKey<HttpContext>(KeyOf, leaveOpen: true);
    }

    public int CallerQuota { get; }
    public int WorkspaceQuota { get; }
    public int WriteCost { get; }

    /// <summary>The limiter the rate-limiting middleware asks: both partitions, at the request's cost.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>
    /// The partitions a request draws on and what it costs. Read while the request runs: once an
    /// exception handler has answered, the route values are gone.
    /// </summary>
    public RequestKey KeyOf(HttpContext context) => new(CallerKey(context), WorkspaceOf(context), Cost(context));

    private int Cost(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            ? 1
            : WriteCost;

    /// <summary>Where a request stands in each partition it draws on: the caller's, then the workspace's (if any).</summary>
    public IReadOnlyList<Standing> StateOf(RequestKey key)
    {
        var caller = new Standing(CallerPolicy, CallerQuota, Available(_callers, key));
        if (key.Workspace is null) return [caller];
        return [caller, new Standing(WorkspacePolicy, WorkspaceQuota, Available(_workspaces, key))];
    }

    private static long Available(PartitionedRateLimiter<RequestKey> limiter, RequestKey key) =>
        limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0;

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
        Limiter.Dispose();
        _weighted.Dispose();
        _chained.Dispose();
        _callers.Dispose();
        _workspaces.Dispose();
    }

    /// <summary>The caller's partition, the workspace's (null when the route has none) and the permits the request takes from each.</summary>
    public readonly record struct RequestKey(string Caller, Guid? Workspace, int Cost);

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
internal sealed class WeightedLimiter(PartitionedRateLimiter<RateLimits.RequestKey> inner) : PartitionedRateLimiter<RateLimits.RequestKey>
{
    public override RateLimiterStatistics? GetStatistics(RateLimits.RequestKey resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(RateLimits.RequestKey resource, int permitCount) =>
        inner.AttemptAcquire(resource, permitCount * resource.Cost);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(RateLimits.RequestKey resource, int permitCount, CancellationToken cancellationToken) =>
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
