using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workflows.Domain.Common;
using Workflows.Domain.Resources;
using Workflows.Domain.Workflows;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// The data step of the <c>TextKeys</c> migration. Name and address keys are computed in .NET
/// (no database can do NFKC), so the migration leaves a marker in <c>PendingDataSteps</c> and this
/// step, run on start right after migrating, brings every stored row to the current rules, one
/// workspace per transaction, then removes the marker (a step cut short runs again on the next
/// start; every row it already did is left alone). On a database without the marker it costs one query.
/// <list type="bullet">
/// <item>Workflow names are stored in NFC and get their key (<see cref="Text.NameKey"/>). Names that
/// now share a key keep the oldest workflow's name; each later one becomes "name (2)", "name (3)"…
/// (its version moves on), and a name with nothing visible becomes "Workflow {id}".</item>
/// <item>Inbox addresses get their key (<see cref="Inbox.KeyOf"/>). Addresses that differ only in
/// case are one inbox: the oldest stays, the workflows that named a later one as their default
/// name the oldest instead, and the later ones are deleted.</item>
/// <item>Workspace templates' names are stored in NFC with their key, the templates list's order.</item>
/// </list>
/// Every change is logged as a warning.
/// </summary>
public sealed class TextKeyRefresh(WorkflowsDbContext db, ILogger logger)
{
    public const string Marker = "text-keys";

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var pending = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"PendingDataSteps\" WHERE \"Name\" = {Marker}")
            .SingleAsync(cancellationToken);
        if (pending == 0) return;

        var workspaceIds = await db.Workspaces.AsNoTracking().OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        foreach (var workspaceId in workspaceIds)
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await RefreshWorkflowNamesAsync(workspaceId, cancellationToken);
                await RefreshInboxAddressesAsync(workspaceId, cancellationToken);
                await RefreshTemplateNamesAsync(workspaceId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"PendingDataSteps\" WHERE \"Name\" = {Marker}", cancellationToken);
        logger.LogInformation("Name and address keys refreshed in {Count} workspace(s).", workspaceIds.Count);
    }

    private async Task RefreshWorkflowNamesAsync(long workspaceId, CancellationToken ct)
    {
        var rows = await db.Workflows.AsNoTracking()
            .Where(w => w.WorkspaceId == workspaceId)
            .OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.Name, w.NormalizedName })
            .ToListAsync(ct);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<(long Id, string Name, string Key, bool Renamed)>();
        foreach (var row in rows)
        {
            var name = NfcOrAsIs(row.Name);
            var key = KeyOrEmpty(name);
            var renamed = false;
            if (key.Length == 0 || key.Length > WorkflowLimits.NameKeyMaxLength || !taken.Add(key))
            {
                (name, key) = key.Length == 0 ? FirstFree($"Workflow {row.Id}", taken, plainFirst: true) : FirstFree(name, taken, plainFirst: false);
                renamed = true;
                logger.LogWarning(
                    "Workflow {WorkflowId} of workspace {WorkspaceId} renamed from {OldName} to {NewName}: its name is now one with an older workflow's, or shows nothing.",
                    row.Id, workspaceId, row.Name, name);
            }
            if (renamed || name != row.Name || key != row.NormalizedName) changes.Add((row.Id, name, key, renamed));
        }

        // First every changing row onto a key no name can have (they start with a control
        // character), so that no row takes a key another row has not yet given up.
        foreach (var change in changes)
        {
            var parked = Parked(change.Id);
            await db.Workflows.Where(w => w.Id == change.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.NormalizedName, parked), ct);
        }
        foreach (var (id, name, key, renamed) in changes)
        {
            var step = renamed ? 1 : 0;
            await db.Workflows.Where(w => w.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Name, name)
                .SetProperty(w => w.NormalizedName, key)
                .SetProperty(w => w.Version, w => w.Version + step), ct);
        }
    }

    private async Task RefreshInboxAddressesAsync(long workspaceId, CancellationToken ct)
    {
        var rows = await db.Inboxes.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId)
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Address, i.AddressKey })
            .ToListAsync(ct);
        var kept = new Dictionary<string, long>(StringComparer.Ordinal);
        var changes = new List<(long Id, string Key)>();
        foreach (var row in rows)
        {
            string key;
            try { key = Inbox.KeyOf(row.Address); }
            catch (ArgumentException) { key = row.Address; } // not valid Unicode: compared as written
            if (kept.TryGetValue(key, out var keptId))
            {
                var repointed = await db.Workflows.Where(w => w.DefaultInboxId == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.DefaultInboxId, keptId).SetProperty(w => w.Version, w => w.Version + 1), ct);
                await db.Inboxes.Where(i => i.Id == row.Id).ExecuteDeleteAsync(ct);
                logger.LogWarning(
                    "Inbox {InboxId} ({Address}) of workspace {WorkspaceId} merged into inbox {KeptId}: addresses are compared case-insensitively; {Workflows} workflow(s) now name inbox {KeptId}.",
                    row.Id, row.Address, workspaceId, keptId, repointed, keptId);
                continue;
            }
            kept[key] = row.Id;
            if (key != row.AddressKey) changes.Add((row.Id, key));
        }
        foreach (var change in changes)
        {
            var parked = Parked(change.Id);
            await db.Inboxes.Where(i => i.Id == change.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.AddressKey, parked), ct);
        }
        foreach (var (id, key) in changes)
            await db.Inboxes.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.AddressKey, key), ct);
    }

    /// <summary>Template names are not unique: each is stored in NFC with its key, which orders the templates list.</summary>
    private async Task RefreshTemplateNamesAsync(long workspaceId, CancellationToken ct)
    {
        var rows = await db.WorkspaceTemplates.AsNoTracking()
            .Where(t => t.WorkspaceId == workspaceId)
            .Select(t => new { t.Id, t.Name, t.NormalizedName })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            var name = NfcOrAsIs(row.Name);
            var key = KeyOrEmpty(name);
            if (key.Length == 0 || key.Length > WorkflowLimits.NameKeyMaxLength) key = row.NormalizedName;
            if (name == row.Name && key == row.NormalizedName) continue;
            await db.WorkspaceTemplates.Where(t => t.Id == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, name).SetProperty(t => t.NormalizedName, key), ct);
        }
    }

    private static string Parked(long id) => $"\u0001{id}";

    /// <summary>("stem" when <paramref name="plainFirst"/>), "stem (2)", "stem (3)"…: the first whose key is free, cut to fit the name's limit.</summary>
    private static (string Name, string Key) FirstFree(string stem, HashSet<string> taken, bool plainFirst)
    {
        for (var n = plainFirst ? 1 : 2; ; n++)
        {
            var suffix = n == 1 ? "" : $" ({n})";
            var runes = stem.EnumerateRunes().ToList();
            var room = WorkflowLimits.NameMaxLength - suffix.Length;
            var name = (runes.Count > room ? string.Concat(runes.Take(room)) : stem).TrimEnd() + suffix;
            var key = KeyOrEmpty(name);
            if (key.Length > 0 && key.Length <= WorkflowLimits.NameKeyMaxLength && taken.Add(key)) return (name, key);
        }
    }

    private static string NfcOrAsIs(string text)
    {
        try { return Text.Normalize(text.Trim()); }
        catch (ArgumentException) { return text; } // not valid Unicode: left as it was stored
    }

    private static string KeyOrEmpty(string name)
    {
        try { return Workflow.Normalize(name); }
        catch (ArgumentException) { return ""; }
    }
}
