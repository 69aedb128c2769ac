using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Common.Interfaces;
using Workflows.Infrastructure.Data;

namespace Workflows.Infrastructure.Idempotency;

/// <summary>
/// Keeps idempotency keys in their own table, through a context of its own, so that a request
/// whose handler failed half-way cannot drag its unsaved changes into the key's bookkeeping.
/// </summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock) : IIdempotencyStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<IdempotentRequest?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var expired = clock.GetUtcNow().UtcDateTime - Lifetime;
        // A key older than its lifetime is forgotten: it may be used again for anything.
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.CreatedAt < expired)
            .ExecuteDeleteAsync(cancellationToken);
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
        if (record is null) return null;
        var response = record.Completed
            ? new StoredResponse(record.StatusCode!.Value, record.ContentType, record.Location, record.ETag, record.Body ?? "")
            : null;
        return new IdempotentRequest(record.RequestHash, response);
    }

    public async Task<bool> TryReserveAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            RequestHash = requestHash,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the unique (scope, key) index: another request got there first
        }
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Location, response.Location)
                .SetProperty(r => r.ETag, response.ETag)
                .SetProperty(r => r.Body, response.Body), cancellationToken);
    }

    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && !r.Completed)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
