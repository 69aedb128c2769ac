namespace Workflows.Application.Common.Paging;

public static class KeysetPaging
{
    /// <summary>
    /// One page of <paramref name="source"/> in id order, starting after the cursor's id. Reading
    /// one row more than asked tells whether there is a next page without counting.
    /// </summary>
    public static async Task<Page<TResponse>> PageByIdAsync<T, TResponse>(
        this IQueryable<T> source,
        IPagedRequest request,
        CursorCodec cursors,
        string fingerprint,
        Func<T, TResponse> map,
        CancellationToken cancellationToken)
        where T : class, IEntity
    {
        var after = cursors.Decode<long>(request.Cursor, fingerprint);
        var rows = await source
            .Where(x => x.Id > after)
            .OrderBy(x => x.Id)
            .Take(request.Limit + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? cursors.Encode(fingerprint, page[^1].Id) : null;
        return new Page<TResponse>(page.Select(map).ToList(), next);
    }
}
