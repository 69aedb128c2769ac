namespace Workflows.Api.Errors;

/// <summary>Builds the problem bodies every error response uses.</summary>
public static class Problems
{
    public static ProblemDetails Create(int status, string detail, string code) => new()
    {
        Status = status,
        Title = Title(status),
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    public static ValidationProblemDetails Validation(
        IReadOnlyDictionary<string, string[]> errors,
        string code = "validation_failed",
        string detail = "One or more fields are invalid. See 'errors'.") =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Title(StatusCodes.Status400BadRequest),
            Detail = detail,
            Extensions = { ["code"] = code },
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
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
        return problem;
    }

    public static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        503 => "Service Unavailable",
        _ => status >= 500 ? "Internal Server Error" : "Error",
    };

    /// <summary>Codes and details for answers that carry no body of their own (401, 404 on an unknown route, 405…).</summary>
    public static (string Code, string Detail) ForStatus(int status) => status switch
    {
        401 => ("unauthenticated", "A valid bearer token is required."),
        403 => ("forbidden", "You may not do this."),
        404 => ("not_found", "There is nothing at this address."),
        405 => ("method_not_allowed", "This address does not accept that method."),
        406 => ("not_acceptable", "This service answers with JSON only."),
        413 => ("body_too_large", $"The request body is larger than {RequestBodyLimit.MaxBytes / 1024 / 1024} MiB."),
        415 => ("unsupported_media_type", "Send the body as application/json."),
        _ => ("error", Title(status)),
    };
}
