using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Workflows.Application.Common.Exceptions;
using Workflows.Domain.Common;

namespace Workflows.Api.Errors;

/// <summary>
/// The one place where failures become RFC 9457 problem responses. Matching is by pattern, so
/// subclasses map with their base. Anything unforeseen is a 500 that says nothing about the inside.
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
            Problems.Validation(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, e.Code, e.Message),
        RuleViolationException e => Problems.Create(StatusCodes.Status400BadRequest, e.Message, e.Code),
        NotFoundException e => Problems.Create(StatusCodes.Status404NotFound, e.Message, "not_found"),
        UnauthenticatedException e => Problems.Create(StatusCodes.Status401Unauthorized, e.Message, "unauthenticated"),
        InsufficientScopeException e => Problems.Create(StatusCodes.Status403Forbidden, e.Message, "insufficient_scope"),
        AccessDeniedException e => Problems.Create(StatusCodes.Status403Forbidden, e.Message, e.Code),
        PreconditionFailedException e => Problems.Create(StatusCodes.Status412PreconditionFailed, e.Message, "precondition_failed"),
        // A lost race is a failed precondition for a caller who sent If-Match, a conflict otherwise.
        ConcurrentUpdateException when context.Request.Headers.IfMatch.Count > 0 =>
            Problems.Create(StatusCodes.Status412PreconditionFailed, new PreconditionFailedException().Message, "precondition_failed"),
        ConflictException e => Problems.Create(StatusCodes.Status409Conflict, e.Message, e.Code),
        BadHttpRequestException e => Problems.Create(e.StatusCode, BadRequestDetail(e.StatusCode), e.StatusCode == 413 ? "body_too_large" : "bad_request"),
        // A write the database refused for the data's sake conflicts with the state; any other
        // database failure while saving (I/O, lost connection, busy) is the database's, not the caller's.
        DbUpdateException { InnerException: DbException inner } when !IsConstraintViolation(inner) => Unavailable(),
        DbUpdateException => Problems.Create(StatusCodes.Status409Conflict,
            "The change conflicts with the current state of the workspace. Read it again and retry.", "conflict"),
        DbException or TimeoutException => Unavailable(),
        InvalidOperationException { InnerException: DbException } => Unavailable(),
        _ => Problems.Create(StatusCodes.Status500InternalServerError, "An unexpected error occurred. Quote the traceId when you report it.", "internal_error"),
    };

    private static ProblemDetails Unavailable() => Problems.Create(
        StatusCodes.Status503ServiceUnavailable, "The database is unavailable right now. Retry shortly.", "service_unavailable");

    private static bool IsConstraintViolation(DbException e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 515 or 547 or 2601 or 2627, // null, foreign key or check, unique
        _ => false,
    };

    private static string BadRequestDetail(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? $"The request body is larger than {RequestBodyLimit.MaxBytes / 1024 / 1024} MiB."
        : "The request could not be read.";
}
