using Microsoft.AspNetCore.Diagnostics;
using Workflows.Application.Common.Exceptions;
using Workflows.Domain.Common;
using Workflows.Infrastructure.Data;

namespace Workflows.Api.Errors;

/// <summary>
/// The one place where failures become RFC 9457 problem responses. Every failure the service
/// foresees carries its code and status (<see cref="ErrorCodes"/>); database failures are
/// translated by Infrastructure (<see cref="DatabaseErrors"/>). Anything unforeseen is a 500 that
/// says nothing about the inside.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the caller has gone; there is nobody to answer

        var problem = Describe(context, exception);
        if (problem.Status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "5";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Describe(HttpContext context, Exception exception) => exception switch
    {
        RequestValidationException e => Problems.Validation(e.Errors),
        RuleViolationException e when e.Field is not null =>
            Problems.Validation(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, e.Error, e.Message),
        // A lost race is a failed precondition for a caller who sent If-Match, a conflict otherwise.
        ConcurrentUpdateException when context.Request.Headers.IfMatch.Count > 0 =>
            Problems.Create(ErrorCodes.PreconditionFailed, new PreconditionFailedException().Message),
        CodedException e => Problems.Create(e.Error, e.Message),
        BadHttpRequestException e => e.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? Problems.Create(ErrorCodes.BodyTooLarge, BadRequestDetail(e.StatusCode))
            : Problems.Create(e.StatusCode, BadRequestDetail(e.StatusCode), ErrorCodes.BadRequest.Code),
        _ when DatabaseErrors.Translate(exception) is { } translated => Problems.Create(translated.Error, translated.Message),
        _ => Problems.Create(ErrorCodes.InternalError, "An unexpected error occurred. Quote the traceId when you report it."),
    };

    private static string BadRequestDetail(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? $"The request body is larger than {RequestBodyLimit.MaxBytes / 1024 / 1024} MiB."
        : "The request could not be read.";
}
