using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Application.Common.Interfaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Idempotency;

/// <summary>
/// Keeps idempotency keys in their own table. A key is claimed and freed through a context of its
/// own (committed at once, outside the request's transaction, so that other requests see the claim
/// and a failed request's unsaved changes stay out of it); its outcome is written through the
/// request's context, inside the request's transaction. Every write after the claim is guarded by
/// the claim's lease token.
/// </summary>
public sealed class IdempotencyStore(
    WorkflowsDbContext db,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    /// <summary>How often a claim looks again after losing a race for the key to another request.</summary>
    private const int MaxClaimAttempts = 3;

    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyScope scope, string key, string fingerprint, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var own = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        for (var attempt = 1; attempt <= MaxClaimAttempts; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var token = Guid.NewGuid();
            var leaseEnds = now + options.Value.Lease;
            var record = await own.IdempotencyRecords.AsNoTracking()
                .Where(r => r.WorkspaceId == scope.WorkspaceId && r.CallerId == scope.CallerId && r.Key == key)
                .Select(r => new { r.Id, r.RequestHash, r.Completed, r.Result, r.LeaseToken, r.LeaseExpiresAt, r.CreatedAt })
                .FirstOrDefaultAsync(cancellationToken);

            if (record is null)
            {
                var added = new IdempotencyRecord
                {
                    WorkspaceId = scope.WorkspaceId,
                    CallerId = scope.CallerId,
                    Key = key,
                    RequestHash = fingerprint,
                    LeaseToken = token,
                    LeaseExpiresAt = leaseEnds,
                    CreatedAt = now,
                };
                own.IdempotencyRecords.Add(added);
                try
                {
                    await own.SaveChangesAsync(cancellationToken);
                    return Reserved(added.Id, token);
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e.InnerException))
                {
                    own.ChangeTracker.Clear(); // another request claimed it first: look again
                    continue;
                }
            }

            int taken;
            if (record.CreatedAt < now - IdempotencyOptions.Lifetime)
            {
                // Forgotten (the sweep has not reached it yet): the key is new again.
                taken = await own.IdempotencyRecords.Where(r => r.Id == record.Id && r.LeaseToken == record.LeaseToken)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.RequestHash, fingerprint)
                        .SetProperty(r => r.Completed, false)
                        .SetProperty(r => r.Result, (string?)null)
                        .SetProperty(r => r.LeaseToken, token)
                        .SetProperty(r => r.LeaseExpiresAt, leaseEnds)
                        .SetProperty(r => r.CreatedAt, now), cancellationToken);
            }
            else if (record.RequestHash != fingerprint)
            {
                return new IdempotencyClaim(IdempotencyClaimState.UsedForAnotherRequest);
            }
            else if (record.Completed)
            {
                return new IdempotencyClaim(IdempotencyClaimState.Completed, Result: record.Result);
            }
            else if (record.LeaseExpiresAt > now)
            {
                return new IdempotencyClaim(IdempotencyClaimState.InProgress);
            }
            else
            {
                // The request that held the key died without freeing it: take the key over. If
                // that request is only slow, its outcome no longer matches the token and rolls back.
                taken = await own.IdempotencyRecords.Where(r => r.Id == record.Id && r.LeaseToken == record.LeaseToken && !r.Completed)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.LeaseToken, token)
                        .SetProperty(r => r.LeaseExpiresAt, leaseEnds), cancellationToken);
            }
            if (taken == 1) return Reserved(record.Id, token);
        }
        return new IdempotencyClaim(IdempotencyClaimState.InProgress);
    }

    public async Task<bool> CompleteAsync(IdempotencyLease lease, string result, CancellationToken cancellationToken) =>
        await db.IdempotencyRecords.Where(r => r.Id == lease.RecordId && r.LeaseToken == lease.Token && !r.Completed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.Result, result)
                .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null), cancellationToken) == 1;

    public async Task ReleaseAsync(IdempotencyLease lease, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var own = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await own.IdempotencyRecords.Where(r => r.Id == lease.RecordId && r.LeaseToken == lease.Token && !r.Completed)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private static IdempotencyClaim Reserved(long id, Guid token) =>
        new(IdempotencyClaimState.Reserved, new IdempotencyLease(id, token));
}
