using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Filters;
using Workflows.Api.Errors;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Common;

namespace Workflows.Api.Idempotency;

/// <summary>
/// Makes a POST repeatable with an <c>Idempotency-Key</c> header: the same key with the same
/// body replays the first (successful) response and creates nothing new; the same key with a
/// different body is refused with 422. Keys belong to one caller in one workspace and live 24 hours.
/// Without the header the request runs as usual.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new IdempotencyFilter(serviceProvider.GetRequiredService<IIdempotencyStore>());

    private sealed class IdempotencyFilter(IIdempotencyStore store) : IAsyncResourceFilter
    {
        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            var http = context.HttpContext;
            if (!http.Request.Headers.TryGetValue(Header, out var values))
            {
                await next();
                return;
            }

            var key = values.ToString().Trim();
            if (key.Length is 0 or > MaxKeyLength)
            {
                context.Result = Answer(Problems.Validation(new Dictionary<string, string[]>
                {
                    [Header] = [$"'{Header}' must be 1 to {MaxKeyLength} characters."],
                }).ForRequest(http));
                return;
            }

            var scope = $"{http.RequestServices.GetRequiredService<ICurrentUser>().ObjectId}|{http.GetRouteValue("workspace_uuid")}";
            var hash = await FingerprintAsync(http.Request);
            var ct = http.RequestAborted;

            var earlier = await store.FindAsync(scope, key, ct);
            if (earlier is not null)
            {
                context.Result = earlier.RequestHash != hash
                    ? Answer(Problems.Create(ErrorCodes.IdempotencyKeyReused,
                        $"This {Header} was used for a different request. Use a new key for a new request.").ForRequest(http))
                    : earlier.Response is null
                        ? InProgress(http)
                        : Replay(http, earlier.Response);
                return;
            }
            if (!await store.TryReserveAsync(scope, key, hash, ct))
            {
                context.Result = InProgress(http);
                return;
            }

            var body = http.Response.Body;
            using var captured = new MemoryStream();
            http.Response.Body = captured;
            ResourceExecutedContext executed;
            try
            {
                executed = await next();
            }
            catch
            {
                http.Response.Body = body;
                await store.ReleaseAsync(scope, key, CancellationToken.None);
                throw;
            }
            http.Response.Body = body;
            captured.Position = 0;
            await captured.CopyToAsync(body, ct);

            var succeeded = executed.Exception is null && http.Response.StatusCode is >= 200 and < 300;
            if (succeeded)
            {
                await store.CompleteAsync(scope, key, new StoredResponse(
                    http.Response.StatusCode,
                    http.Response.ContentType,
                    http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                    System.Text.Encoding.UTF8.GetString(captured.ToArray())), CancellationToken.None);
            }
            else
            {
                await store.ReleaseAsync(scope, key, CancellationToken.None);
            }
        }

        /// <summary>What makes two requests "the same": method, path and body.</summary>
        private static async Task<string> FingerprintAsync(HttpRequest request)
        {
            request.EnableBuffering(RequestBodyLimit.MaxBytes);
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            var head = System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n");
            return Convert.ToHexString(SHA256.HashData([.. head, .. buffer.ToArray()]));
        }

        private static ContentResult Replay(HttpContext http, StoredResponse response)
        {
            if (response.Location is not null) http.Response.Headers.Location = response.Location;
            if (response.ETag is not null) http.Response.Headers.ETag = response.ETag;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            return new ContentResult { StatusCode = response.StatusCode, ContentType = response.ContentType, Content = response.Body };
        }

        private static ObjectResult InProgress(HttpContext http) => Answer(Problems.Create(
            ErrorCodes.IdempotencyRequestInProgress,
            $"A request with this {Header} is still being processed. Retry shortly.").ForRequest(http));

        private static ObjectResult Answer(ProblemDetails problem) => new(problem)
        {
            StatusCode = problem.Status,
            ContentTypes = { "application/problem+json" },
        };
    }
}
