using Workflows.Application.Common.Paging;
using Workflows.Application.Workflows;
using Workflows.Domain.Audit;

namespace Workflows.Application.AuditLog.Queries.ListAuditLog;

/// <summary>
/// The workspace's audit log, oldest first, optionally filtered; for its admins. Paged by the
/// entries' sequence numbers, and a change feed: the last page's cursor is not null but the
/// position after the last entry read, so that calling again with it answers the entries written
/// since. That holds because sequence order is commit order within a workspace (see
/// <see cref="IAuditLog"/>): a reader that has seen number n committed has seen every number below
/// it, so a later entry always comes after the cursor.
/// </summary>
[RequiresScope(Scope.Read)]
[RequiresAdminRole]
public sealed record ListAuditLogQuery(
    Guid WorkspaceUuid,
    string? Action = null,
    long? ActorId = null,
    string? TargetType = null,
    long? TargetId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = Paging.DefaultLimit,
    string? Cursor = null)
    : IQuery<Page<AuditEntryResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListAuditLogHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListAuditLogQuery, Page<AuditEntryResponse>>
{
    public async ValueTask<Page<AuditEntryResponse>> Handle(ListAuditLogQuery query, CancellationToken cancellationToken)
    {
        var workspaceId = current.WorkspaceId;
        var from = query.From?.UtcDateTime;
        var to = query.To?.UtcDateTime;
        var fingerprint = CursorCodec.Fingerprint("audit-log", workspaceId, query.Action, query.ActorId, query.TargetType, query.TargetId, from?.Ticks, to?.Ticks);
        var after = cursors.Decode<long>(query.Cursor, fingerprint);

        // A time range is a range of sequence numbers (an entry's time never goes down as its number
        // goes up, see IAuditLog), found by the (WorkspaceId, At, Sequence) index: the log is then
        // read from the first entry of the range, never through the entries before it.
        var log = db.AuditEntries.AsNoTracking().Where(e => e.WorkspaceId == workspaceId);
        long? before = null;
        if (from is { } start)
        {
            // The last number first: every entry up to it had committed when it was read, so if
            // none of them is in the range, the range starts after it.
            var last = await log.OrderByDescending(e => e.Sequence).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken) ?? 0;
            var first = await FirstAtOrAfterAsync(log, start, cancellationToken);
            after = Math.Max(after, (first ?? last + 1) - 1);
        }
        if (to is { } end && await FirstAtOrAfterAsync(log, end, cancellationToken) is { } beyond)
            before = beyond;

        var entries = log.Where(e => e.Sequence > after);
        if (before is { } b) entries = entries.Where(e => e.Sequence < b);
        if (query.Action is { } action) entries = entries.Where(e => e.Action == action);
        if (query.ActorId is { } actorId) entries = entries.Where(e => e.ActorMemberId == actorId);
        if (query.TargetType is { } targetType) entries = entries.Where(e => e.TargetType == targetType);
        if (query.TargetId is { } targetId) entries = entries.Where(e => e.TargetId == targetId);
        if (from is { } f) entries = entries.Where(e => e.At >= f);
        if (to is { } t) entries = entries.Where(e => e.At < t);

        var page = await entries.OrderBy(e => e.Sequence)
            .ToPageAsync(query.Limit, AuditEntryResponse.From, last => cursors.Encode(fingerprint, last.Sequence), cancellationToken);
        // The last page (short or empty) still names where the next entries will start: the
        // position after its last entry, or the one it was asked from.
        return page.NextCursor is not null
            ? page
            : page with { NextCursor = cursors.Encode(fingerprint, page.Items.Count > 0 ? page.Items[^1].Sequence : after) };
    }

    /// <summary>The number of the first entry at or after <paramref name="time"/>, if any.</summary>
    private static Task<long?> FirstAtOrAfterAsync(IQueryable<AuditEntry> log, DateTime time, CancellationToken cancellationToken) =>
        log.Where(e => e.At >= time).OrderBy(e => e.At).ThenBy(e => e.Sequence).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken);
}

public sealed class ListAuditLogValidator : AbstractValidator<ListAuditLogQuery>
{
    private static readonly HashSet<string> Actions = AuditActions.All.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> TargetTypes = AuditActions.TargetTypes.ToHashSet(StringComparer.Ordinal);

    public ListAuditLogValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Action)
            .SingleLine("action", 64)
            .Must(a => a is null || Actions.Contains(a))
            .WithName("action")
            .WithMessage("'action' must be one of the audit actions (workflow.created, workflow.deleted, member.updated…): see the README.");
        RuleFor(x => x.TargetType)
            .SingleLine("targetType", 32)
            .Must(t => t is null || TargetTypes.Contains(t))
            .WithName("targetType")
            .WithMessage($"'targetType' must be one of {string.Join(", ", AuditActions.TargetTypes)}.");
        RuleFor(x => x.ActorId).PositiveId("actorId");
        RuleFor(x => x.TargetId).PositiveId("targetId");
        RuleFor(x => x.To)
            .Must((q, to) => q.From is null || to is null || q.From < to)
            .WithName("to")
            .WithMessage("'to' must come after 'from'.");
    }
}
