using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Workflows.TestSupport.Contract;

/// <summary>
/// The contract check on the service's side, for clients that run outside .NET (the TypeScript
/// client under Node.js): every exchange is checked as it leaves (<see cref="ContractValidator"/>),
/// after the headers are final; one that breaks the document is recorded in <see cref="Violations"/>
/// and its connection aborted, so the client's call fails rather than reading an undocumented answer.
/// </summary>
public sealed class ContractValidatingMiddleware(RequestDelegate next)
{
    private const long LargestChecked = 1024 * 1024;

    /// <summary>What was refused, for the failure's message.</summary>
    public static ConcurrentQueue<string> Violations { get; } = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.PathBase.Add(request.Path).Value ?? "/";
        if (!ContractValidator.IsChecked(request.Method, path))
        {
            await next(context);
            return;
        }

        byte[]? requestBody = null;
        if (request.ContentLength is null or <= LargestChecked)
        {
            request.EnableBuffering();
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, context.RequestAborted);
            requestBody = copy.ToArray();
            request.Body.Position = 0;
        }
        var requestHeaders = request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        await context.Response.StartAsync(context.RequestAborted); // runs the OnStarting callbacks: the headers are final

        try
        {
            ContractValidator.Current.Check(new ContractExchange(
                request.Method,
                path,
                request.QueryString.Value ?? "",
                requestHeaders,
                request.ContentType,
                requestBody,
                context.Response.StatusCode,
                context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase),
                context.Response.ContentType,
                buffer.ToArray()));
        }
        catch (ContractViolationException e)
        {
            Violations.Enqueue(e.Message);
            await Console.Error.WriteLineAsync(e.Message);
            context.Abort();
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Puts the check in front of the whole pipeline.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<ContractValidatingMiddleware>();
            next(app);
        };
    }
}
