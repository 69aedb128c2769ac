using Workflows.Application.AuditLog;
using Workflows.Application.AuditLog.Queries.ListAuditLog;
using Workflows.Application.Common.Paging;

namespace Workflows.Api.Controllers;

/// <summary>The workspace's audit log: every change made in it, oldest first; also a change feed to follow.</summary>
[Route("api/v2/w/{workspace_uuid}/audit-log")]
[Tags("AuditLog")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class AuditLogController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the workspace's audit log, or follow it as a change feed.</summary>
    /// <remarks>
    /// <para>
    /// One entry per change (who, what, to what, when, the workflow version it made and the request's
    /// traceId), oldest first, in the order the changes committed (by sequence). Filters narrow the
    /// log; paging stays in sequence order. Entries never change and outlive what they name.
    /// </para>
    /// <para>
    /// As a change feed: nextCursor is never null. On the last page it names the position after the
    /// last entry read; calling again with it answers exactly the entries written since, none skipped
    /// and none twice. A page shorter than limit (or empty) means there is nothing more for now.
    /// </para>
    /// <para>Permissions: requires workflows:read; workspace admins only.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="action">Only entries of this action (e.g. workflow.deleted).</param>
    /// <param name="actorId">Only changes made by this member (their member id).</param>
    /// <param name="targetType">Only changes to this type of thing (workflow, task, member…).</param>
    /// <param name="targetId">Only changes to the thing with this id (with targetType, one thing).</param>
    /// <param name="from">Only changes made at or after this time (ISO 8601, with its offset).</param>
    /// <param name="to">Only changes made before this time (ISO 8601, with its offset).</param>
    /// <param name="limit">Page size, 1 to 200 (default 50).</param>
    /// <param name="cursor">The nextCursor of the previous page; leave out for the first page.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">One page of entries, and the cursor to continue from (never null: on the last page, where new entries will start).</response>
    /// <response code="403">The caller is not an admin of the workspace, or the token lacks workflows:read.</response>
    [HttpGet(Name = "AuditLog_List")]
    [ProducesResponseType<Page<AuditEntryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<AuditEntryResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromQuery] string? action,
        [FromQuery] long? actorId,
        [FromQuery] string? targetType,
        [FromQuery] long? targetId,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken ct) =>
        await Sender.Send(new ListAuditLogQuery(workspaceUuid, action, actorId, targetType, targetId, from, to, limit ?? Paging.DefaultLimit, cursor), ct);
}
