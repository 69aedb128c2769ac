namespace Workflows.Application.Common.Paging;

public static class KeysetPaging
{
    /// <summary>
    /// One page of an ordered query that already starts after the previous page: reads one row
    /// more than <paramref name="limit"/> (which tells whether there is a next page without
    /// counting), trims it, and names the next page by the cursor <paramref name="cursorAfter"/>
    /// makes of the page's last row.
    /// </summary>
    public static async Task<Page<TResponse>> ToPageAsync<TRow, TResponse>(
        this IQueryable<TRow> ordered,
        int limit,
        Func<TRow, TResponse> map,
        Func<TRow, string> cursorAfter,
        CancellationToken cancellationToken)
    {
        var rows = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
        return rows.ToPage(limit, map, cursorAfter);
    }

    /// <summary>
    /// One page of rows already read in order, up to one more than <paramref name="limit"/> (as
    /// <see cref="ToPageAsync"/> reads them): the extra row only says that a next page exists.
    /// </summary>
    public static Page<TResponse> ToPage<TRow, TResponse>(
        this IReadOnlyList<TRow> rows,
        int limit,
        Func<TRow, TResponse> map,
        Func<TRow, string> cursorAfter)
    {
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? cursorAfter(page[^1]) : null;
        return new Page<TResponse>(page.Select(map).ToList(), next);
    }

    /// <summary>One page of <paramref name="source"/> in id order, starting after the cursor's id.</summary>
    public static Task<Page<TResponse>> PageByIdAsync<T, TResponse>(
        this IQueryable<T> source,
        IPagedRequest request,
        CursorCodec cursors,
        string fingerprint,
        Func<T, TResponse> map,
        CancellationToken cancellationToken)
        where T : class, IEntity
    {
        var after = cursors.Decode<long>(request.Cursor, fingerprint);
        return source
            .Where(x => x.Id > after)
            .OrderBy(x => x.Id)
            .ToPageAsync(request.Limit, map, last => cursors.Encode(fingerprint, last.Id), cancellationToken);
    }
}
