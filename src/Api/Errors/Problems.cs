using System.Diagnostics;
using Workflows.Api.Telemetry;
using Workflows.Domain.Common;

namespace Workflows.Api.Errors;

/// <summary>Builds the problem bodies every error response uses.</summary>
public static class Problems
{
    /// <summary>The problem for an error of the catalogue (<see cref="ErrorCodes"/>).</summary>
    public static ProblemDetails Create(ErrorCode error, string detail) => Create(error.Status, detail, error.Code);

    public static ProblemDetails Create(int status, string detail, string code) => new()
    {
        Status = status,
        Title = Title(status),
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    public static ValidationProblemDetails Validation(
        IReadOnlyDictionary<string, string[]> errors,
        ErrorCode? error = null,
        string detail = "One or more fields are invalid. See 'errors'.") =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Title(StatusCodes.Status400BadRequest),
            Detail = detail,
            Extensions = { ["code"] = (error ?? ErrorCodes.ValidationFailed).Code },
        };

    /// <summary>Adds what the problem service adds elsewhere (type, traceId), for problems written by MVC directly.</summary>
    public static T ForRequest<T>(this T problem, HttpContext context) where T : ProblemDetails
    {
        problem.Type ??= problem.Status switch
        {
            400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            _ => null,
        };
        problem.Extensions["traceId"] = TraceId(context);
        ProblemCounters.Count(problem);
        return problem;
    }

    /// <summary>
    /// The request's W3C trace id (32 hex digits): the id of its trace in any tracing backend, and
    /// the <c>TraceId</c> of its log lines.
    /// </summary>
    public static string TraceId(HttpContext context) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;

    public static string Title(int status) => ErrorCodes.Title(status);

    /// <summary>Codes and details for answers that carry no body of their own (401, 404 on an unknown route, 405…).</summary>
    public static (string Code, string Detail) ForStatus(int status) => status switch
    {
        401 => (ErrorCodes.Unauthenticated.Code, "A valid bearer token is required."),
        403 => (ErrorCodes.Forbidden.Code, "You may not do this."),
        404 => (ErrorCodes.NotFound.Code, "There is nothing at this address."),
        405 => (ErrorCodes.MethodNotAllowed.Code, "This address does not accept that method."),
        406 => (ErrorCodes.NotAcceptable.Code, "This service answers with JSON only."),
        413 => (ErrorCodes.BodyTooLarge.Code, $"The request body is larger than {RequestBodyLimit.MaxBytes / 1024 / 1024} MiB."),
        415 => (ErrorCodes.UnsupportedMediaType.Code, "Send the body as application/json, in UTF-8."),
        _ => ("error", Title(status)),
    };
}
