using Workflows.Application.PhoneNumbers;
using Workflows.Application.PhoneNumbers.Commands.CreatePhoneNumber;
using Workflows.Application.PhoneNumbers.Commands.DeletePhoneNumber;
using Workflows.Application.PhoneNumbers.Queries.GetPhoneNumber;
using Workflows.Application.PhoneNumbers.Queries.ListPhoneNumbers;

namespace Workflows.Api.Controllers;

/// <summary>The workspace's phone numbers, which workflows may name as their default.</summary>
[Route("api/v2/w/{workspace_uuid}/phone-numbers")]
[Tags("PhoneNumbers")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class PhoneNumbersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the workspace's phone numbers.</summary>
    /// <remarks>
    /// <para>Paged by cursor.</para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">One page of phone numbers, and the cursor of the next page (null on the last).</response>
    [HttpGet(Name = "PhoneNumbers_List")]
    [ProducesResponseType<Page<PhoneNumberResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<PhoneNumberResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListPhoneNumbersQuery(workspaceUuid, limit ?? Application.Common.Paging.Paging.DefaultLimit, cursor), ct);

    /// <summary>Add a phone number.</summary>
    /// <remarks>
    /// <para>The number in E.164 form (+ and up to 15 digits), unique in the workspace.</para>
    /// <para>Permissions: requires workflows:write; workspace admins only.</para>
    /// </remarks>
    /// <response code="201">The new phone number; Location names it.</response>
    /// <response code="409">The number is already in the workspace.</response>
    [HttpPost(Name = "PhoneNumbers_Create")]
    [ProducesResponseType<PhoneNumberResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] CreatePhoneNumberRequest body, CancellationToken ct)
    {
        var phone = await Sender.Send(new CreatePhoneNumberCommand(workspaceUuid, body), ct);
        return Created(Link("PhoneNumbers_Get", new { workspace_uuid = workspaceUuid, phone_number_id = phone.Id }), phone);
    }

    /// <summary>Retrieve one phone number.</summary>
    /// <remarks>
    /// <para>Workflows name it by its id as their defaultPhoneNumberId.</para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">The phone number.</response>
    [HttpGet("{phone_number_id}", Name = "PhoneNumbers_Get")]
    [ProducesResponseType<PhoneNumberResponse>(StatusCodes.Status200OK)]
    public async Task<PhoneNumberResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "phone_number_id")] long phoneNumberId, CancellationToken ct) =>
        await Sender.Send(new GetPhoneNumberQuery(workspaceUuid, phoneNumberId), ct);

    /// <summary>Delete a phone number.</summary>
    /// <remarks>
    /// <para>Refused while a workflow names it as its defaultPhoneNumberId (409 resource_in_use).</para>
    /// <para>Permissions: requires workflows:write; workspace admins only.</para>
    /// </remarks>
    /// <response code="200">A success status object: status is "success".</response>
    /// <response code="409">A workflow names it as its default (resource_in_use).</response>
    [HttpDelete("{phone_number_id}", Name = "PhoneNumbers_Delete")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<StatusResponse> Delete(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "phone_number_id")] long phoneNumberId, CancellationToken ct) =>
        await Sender.Send(new DeletePhoneNumberCommand(workspaceUuid, phoneNumberId), ct);
}
