using Workflows.Application.Inboxes;

namespace Workflows.Api.Controllers;

/// <summary>The workspace's inboxes, which workflows may name as their default.</summary>
[Route("api/v2/w/{workspace_uuid}/inboxes")]
[Tags("Inboxes")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class InboxesController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the workspace's inboxes.</summary>
    [HttpGet(Name = "Inboxes_List")]
    [ProducesResponseType<Page<InboxResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<InboxResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListInboxesQuery(workspaceUuid, limit ?? Application.Common.Paging.Paging.DefaultLimit, cursor), ct);

    /// <summary>Add an inbox (a mail address). Workspace admins only.</summary>
    [HttpPost(Name = "Inboxes_Create")]
    [ProducesResponseType<InboxResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] CreateInboxRequest body, CancellationToken ct)
    {
        var inbox = await Sender.Send(new CreateInboxCommand(workspaceUuid, body), ct);
        return Created($"/api/v2/w/{workspaceUuid}/inboxes/{inbox.Id}", inbox);
    }

    /// <summary>Retrieve one inbox.</summary>
    [HttpGet("{inbox_id}", Name = "Inboxes_Get")]
    [ProducesResponseType<InboxResponse>(StatusCodes.Status200OK)]
    public async Task<InboxResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "inbox_id")] long inboxId, CancellationToken ct) =>
        await Sender.Send(new GetInboxQuery(workspaceUuid, inboxId), ct);

    /// <summary>Delete an inbox. Workspace admins only; 409 resource_in_use while a workflow names it as its default.</summary>
    [HttpDelete("{inbox_id}", Name = "Inboxes_Delete")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<StatusResponse> Delete(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "inbox_id")] long inboxId, CancellationToken ct) =>
        await Sender.Send(new DeleteInboxCommand(workspaceUuid, inboxId), ct);
}
