using System.Reflection;

namespace Workflows.Domain.Common;

/// <summary>
/// One kind of error a caller can be answered with: the stable, machine-readable <see cref="Code"/>
/// of the problem body, and the HTTP status (and its title) it always comes with.
/// </summary>
public sealed record ErrorCode(string Code, int Status)
{
    public string Title => ErrorCodes.Title(Status);

    public override string ToString() => Code;
}

/// <summary>
/// Every error code the service answers with, in one place: a new code is added here, with its
/// status, and thrown through an exception that carries it (<see cref="CodedException"/>).
/// </summary>
public static class ErrorCodes
{
    // ---- 400: the request itself is wrong ---------------------------------------------------------
    public static readonly ErrorCode ValidationFailed = new("validation_failed", 400);
    public static readonly ErrorCode InvalidValue = new("invalid_value", 400);
    public static readonly ErrorCode InvalidReference = new("invalid_reference", 400);
    public static readonly ErrorCode InvalidTemplate = new("invalid_template", 400);
    public static readonly ErrorCode TooManyTasks = new("too_many_tasks", 400);
    /// <summary>A template would hold more than <c>TemplateLimits</c> allow (tasks, or bytes of JSON).</summary>
    public static readonly ErrorCode TemplateTooLarge = new("template_too_large", 400);
    public static readonly ErrorCode WorkflowHasTasks = new("workflow_has_tasks", 400);
    public static readonly ErrorCode BadRequest = new("bad_request", 400);
    /// <summary>A JSON body names a member its schema does not have (a typo, or a field of another resource).</summary>
    public static readonly ErrorCode UnknownMember = new("unknown_member", 400);

    // ---- 401, 403: who is calling, and what they may do ------------------------------------------
    public static readonly ErrorCode Unauthenticated = new("unauthenticated", 401);
    /// <summary>The token lacks the scope (<c>workflows:read|write|admin</c>) the operation needs.</summary>
    public static readonly ErrorCode InsufficientScope = new("insufficient_scope", 403);
    /// <summary>The caller lacks the workspace role or the authority on the workflow the operation needs.</summary>
    public static readonly ErrorCode AccessDenied = new("access_denied", 403);
    public static readonly ErrorCode Forbidden = new("forbidden", 403);

    // ---- 404, 405, 406 ---------------------------------------------------------------------------
    public static readonly ErrorCode NotFound = new("not_found", 404);
    public static readonly ErrorCode MethodNotAllowed = new("method_not_allowed", 405);
    public static readonly ErrorCode NotAcceptable = new("not_acceptable", 406);

    // ---- 409, 412: the state of the workspace refuses the request --------------------------------
    public static readonly ErrorCode WorkflowNameConflict = new("workflow_name_conflict", 409);
    public static readonly ErrorCode WorkflowArchived = new("workflow_archived", 409);
    public static readonly ErrorCode LastAdmin = new("last_admin", 409);
    public static readonly ErrorCode MemberOwnsWorkflows = new("member_owns_workflows", 409);
    public static readonly ErrorCode MemberExists = new("member_exists", 409);
    public static readonly ErrorCode ResourceExists = new("resource_exists", 409);
    public static readonly ErrorCode ResourceInUse = new("resource_in_use", 409);
    /// <summary>The workspace already has as many templates as <c>TemplateLimits.MaxPerWorkspace</c> allows.</summary>
    public static readonly ErrorCode TemplateLimitReached = new("template_limit_reached", 409);
    public static readonly ErrorCode ConcurrentUpdate = new("concurrent_update", 409);
    /// <summary>A write the database refused for the data's sake, with no more particular code.</summary>
    public static readonly ErrorCode Conflict = new("conflict", 409);
    public static readonly ErrorCode IdempotencyRequestInProgress = new("idempotency_request_in_progress", 409);
    public static readonly ErrorCode PreconditionFailed = new("precondition_failed", 412);

    // ---- 413, 415, 422 ---------------------------------------------------------------------------
    public static readonly ErrorCode BodyTooLarge = new("body_too_large", 413);
    public static readonly ErrorCode UnsupportedMediaType = new("unsupported_media_type", 415);
    public static readonly ErrorCode IdempotencyKeyReused = new("idempotency_key_reused", 422);

    // ---- 429: too many requests ------------------------------------------------------------------
    /// <summary>The caller, or the workspace, has used its rate limit; <c>Retry-After</c> says when to try again.</summary>
    public static readonly ErrorCode RateLimited = new("rate_limited", 429);

    // ---- 5xx: the service's fault, not the caller's ----------------------------------------------
    public static readonly ErrorCode InternalError = new("internal_error", 500);
    public static readonly ErrorCode ServiceUnavailable = new("service_unavailable", 503);

    /// <summary>
    /// Every code above, in the order listed: the OpenAPI document's list of codes is made from it,
    /// so a code added here is documented without another edit. (Declared after the codes, so it is
    /// initialised after them.)
    /// </summary>
    public static IReadOnlyList<ErrorCode> All { get; } = [.. typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorCode))
        .Select(f => (ErrorCode)f.GetValue(null)!)];

    /// <summary>The title of a problem with this status (RFC 9110's reason phrase).</summary>
    public static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => status >= 500 ? "Internal Server Error" : "Error",
    };
}

/// <summary>A failure that carries the error code its caller is answered with.</summary>
public abstract class CodedException(ErrorCode error, string message) : Exception(message)
{
    public ErrorCode Error { get; } = error;

    public string Code => Error.Code;
}
