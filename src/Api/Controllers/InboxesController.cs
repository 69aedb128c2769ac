using Workflows.Application.Inboxes;
using Workflows.Application.Inboxes.Commands.CreateInbox;
using Workflows.Application.Inboxes.Commands.DeleteInbox;
using Workflows.Application.Inboxes.Queries.GetInbox;
using Workflows.Application.Inboxes.Queries.ListInboxes;

namespace Workflows.Api.Controllers;

/// <summary>The workspace's inboxes, which workflows may name as their default.</summary>
[Route("api/v2/w/{workspace_uuid}/inboxes")]
[Tags("Inboxes")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class InboxesController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the workspace's inboxes.</summary>
    /// <remarks>
    /// <para>Paged by cursor.</para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">One page of inboxes, and the cursor of the next page (null on the last).</response>
    [HttpGet(Name = "Inboxes_List")]
    [ProducesResponseType<Page<InboxResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<InboxResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListInboxesQuery(workspaceUuid, limit ?? Application.Common.Paging.Paging.DefaultLimit, cursor), ct);

    /// <summary>Add an inbox.</summary>
    /// <remarks>
    /// <para>A mail address, unique in the workspace.</para>
    /// <para>Permissions: requires workflows:write; workspace admins only.</para>
    /// </remarks>
    /// <response code="201">The new inbox; Location names it.</response>
    /// <response code="409">The address is already in the workspace.</response>
    [HttpPost(Name = "Inboxes_Create")]
    [ProducesResponseType<InboxResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] CreateInboxRequest body, CancellationToken ct)
    {
        var inbox = await Sender.Send(new CreateInboxCommand(workspaceUuid, body), ct);
        return Created(Link("Inboxes_Get", new { workspace_uuid = workspaceUuid, inbox_id = inbox.Id }), inbox);
    }

    /// <summary>Retrieve one inbox.</summary>
    /// <remarks>
    /// <para>Workflows name it by its id as their defaultInboxId.</para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">The inbox.</response>
    [HttpGet("{inbox_id}", Name = "Inboxes_Get")]
    [ProducesResponseType<InboxResponse>(StatusCodes.Status200OK)]
    public async Task<InboxResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "inbox_id")] long inboxId, CancellationToken ct) =>
        await Sender.Send(new GetInboxQuery(workspaceUuid, inboxId), ct);

    /// <summary>Delete an inbox.</summary>
    /// <remarks>
    /// <para>Refused while a workflow names it as its defaultInboxId (409 resource_in_use).</para>
    /// <para>Permissions: requires workflows:write; workspace admins only.</para>
    /// </remarks>
    /// <response code="200">A success status object: status is "success".</response>
    /// <response code="409">A workflow names it as its default (resource_in_use).</response>
    [HttpDelete("{inbox_id}", Name = "Inboxes_Delete")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<StatusResponse> Delete(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "inbox_id")] long inboxId, CancellationToken ct) =>
        await Sender.Send(new DeleteInboxCommand(workspaceUuid, inboxId), ct);
}
