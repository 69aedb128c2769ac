using Microsoft.Extensions.Primitives;

namespace Workflows.Api.Http;

/// <summary>
/// Headers every response carries, errors included: <c>X-Content-Type-Options: nosniff</c>, and a
/// <c>Cache-Control</c> that keeps answers (they are per caller) out of shared caches while
/// letting the caller's own cache keep them and revalidate with <c>If-None-Match</c>
/// (<c>private, no-cache</c>), unless the response set a stricter one itself (the exception
/// handler's <c>no-cache, no-store</c>). Set as the response starts, so that no later step that
/// clears the headers loses them; the callback and its values are static.
/// </summary>
public sealed class ResponseHeaders(RequestDelegate next)
{
    private static readonly StringValues NoSniff = new("nosniff");
    private static readonly StringValues PrivateNoCache = new("private, no-cache");
    private static readonly Func<object, Task> OnStarting = static state =>
    {
        var headers = ((HttpResponse)state).Headers;
        headers.XContentTypeOptions = NoSniff;
        if (StringValues.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = PrivateNoCache;
        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(OnStarting, context.Response);
        return next(context);
    }
}
