namespace Workflows.Client;

/// <summary>
/// What every client method answers: the status, the response headers and (in
/// <see cref="ApiResponse{TResult}"/>) the body as <c>Result</c>.
/// </summary>
public partial class ApiResponse
{
    /// <summary>The first value of a response header, its name in any case; null when it was not sent.</summary>
    public string? Header(string name) => ResponseHeaders.First(Headers, name);

    /// <summary>
    /// The resource's version (a quoted entity tag), on a workflow's or a task's answer: send it back as
    /// <c>ifMatch</c> on a write (412 when it is stale) or <c>ifNoneMatch</c> on a GET (304 while it is current).
    /// </summary>
    public string? ETag => Header("ETag");

    /// <summary>The address of the resource a 201 created.</summary>
    public string? Location => Header("Location");

    /// <summary>Whether this answer replays an earlier request with the same <c>Idempotency-Key</c> (nothing new was created).</summary>
    public bool IdempotentReplayed => string.Equals(Header("Idempotent-Replayed"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A failed call: the status, the headers and the body the service answered.</summary>
public partial class WorkflowsApiException
{
    /// <summary>The first value of a response header, its name in any case; null when it was not sent.</summary>
    public string? Header(string name) => ResponseHeaders.First(Headers, name);

    /// <summary>How long to wait before retrying, from <c>Retry-After</c> (on a 429 or a 503); null when it was not sent.</summary>
    public TimeSpan? RetryAfter =>
        int.TryParse(Header("Retry-After"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}

/// <summary>A successful call's answer, its body as <see cref="Result"/>.</summary>
public partial class ApiResponse<TResult>
{
    /// <summary>
    /// The body, for callers that need no header: <c>WorkflowResponse workflow = await workflows.GetAsync(ws, "42");</c>
    /// </summary>
    public static implicit operator TResult(ApiResponse<TResult> response) => response is null ? throw new ArgumentNullException(nameof(response)) : response.Result;
}

internal static class ResponseHeaders
{
    public static string? First(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
