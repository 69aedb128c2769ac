using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.Filters;
using Workflows.Api.Errors;
using Workflows.Application.Common.Idempotency;

namespace Workflows.Api.Idempotency;

/// <summary>
/// Makes a POST repeatable with an <c>Idempotency-Key</c> header: the same key with the same
/// request replays the first (successful) answer and creates nothing new; the same key with a
/// different request is refused with 422. Keys belong to one caller in one workspace and live 24
/// hours. Without the header the request runs as usual. Here the header is checked and the request
/// fingerprinted; the command's idempotency behaviour (Application) claims the key, keeps the
/// result with the effect and replays it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute, IAsyncResourceFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;

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
            var problem = Problems.Validation(new Dictionary<string, string[]>
            {
                [Header] = [$"'{Header}' must be 1 to {MaxKeyLength} characters."],
            }).ForRequest(http);
            context.Result = new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
            return;
        }

        var idempotency = http.RequestServices.GetRequiredService<IdempotencyContext>();
        idempotency.Use(key, await FingerprintAsync(context));
        http.Response.OnStarting(() =>
        {
            if (idempotency.Replayed) http.Response.Headers[ReplayedHeader] = "true";
            return Task.CompletedTask;
        });
        await next();
    }

    /// <summary>
    /// What makes two requests "the same": the method, the route (its template and its values,
    /// a uuid however it is spelled) and the body.
    /// </summary>
    private static async Task<string> FingerprintAsync(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        request.EnableBuffering(RequestBodyLimit.MaxBytes);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;

        var route = context.ActionDescriptor.AttributeRouteInfo?.Template ?? request.Path.ToString();
        var values = context.RouteData.Values
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => $"{v.Key}={Canonical(v.Value)}");
        var head = Encoding.UTF8.GetBytes($"{request.Method} {route}\n{string.Join("&", values)}\n");
        return Convert.ToHexString(SHA256.HashData([.. head, .. buffer.ToArray()]));
    }

    private static string? Canonical(object? value) =>
        value is string text && Guid.TryParse(text, out var uuid) ? uuid.ToString("D") : Convert.ToString(value, CultureInfo.InvariantCulture);
}
