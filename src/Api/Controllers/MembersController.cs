using Workflows.Application.Common.Paging;
using Workflows.Application.Members;
using Workflows.Application.Members.Commands.AddMember;
using Workflows.Application.Members.Commands.RemoveMember;
using Workflows.Application.Members.Commands.UpdateMember;
using Workflows.Application.Members.Queries.GetMember;
using Workflows.Application.Members.Queries.ListMembers;

namespace Workflows.Api.Controllers;

/// <summary>The members of a workspace: people and daemon apps (by Azure AD object id), and agents.</summary>
[Route("api/v2/w/{workspace_uuid}/members")]
[Tags("Members")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class MembersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the members of the workspace.</summary>
    /// <remarks>
    /// <para>People, daemon apps and agents, with their roles (admin, member or guest). Paged by cursor.</para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">One page of members, and the cursor of the next page (null on the last).</response>
    [HttpGet(Name = "Members_List")]
    [ProducesResponseType<Page<MemberResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<Page<MemberResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListMembersQuery(workspaceUuid, limit ?? Paging.DefaultLimit, cursor), ct);

    /// <summary>Add a member to the workspace.</summary>
    /// <remarks>
    /// <para>
    /// A person or daemon app, matched by the Azure AD object id (the token's oid claim), or an agent
    /// (no objectId; workflows name it as their agentId).
    /// </para>
    /// <para>Permissions: requires workflows:write; workspace admins only.</para>
    /// </remarks>
    /// <response code="201">The new member; Location names it.</response>
    /// <response code="403">The caller is not an admin of the workspace, or the token lacks workflows:write.</response>
    /// <response code="409">The object id is already a member of the workspace.</response>
    [HttpPost(Name = "Members_Add")]
    [ProducesResponseType<MemberResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Add(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] AddMemberRequest body, CancellationToken ct)
    {
        var member = await Sender.Send(new AddMemberCommand(workspaceUuid, body), ct);
        return Created(Link("Members_Get", new { workspace_uuid = workspaceUuid, member_id = member.Id }), member);
    }

    /// <summary>Retrieve one member of the workspace.</summary>
    /// <remarks>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">The member.</response>
    /// <response code="404">No such member in this workspace.</response>
    [HttpGet("{member_id}", Name = "Members_Get")]
    [ProducesResponseType<MemberResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<MemberResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "member_id")] long memberId, CancellationToken ct) =>
        await Sender.Send(new GetMemberQuery(workspaceUuid, memberId), ct);

    /// <summary>Change a member's role or display name.</summary>
    /// <remarks>
    /// <para>Only the fields sent change. The last admin of the workspace cannot be demoted (409 last_admin).</para>
    /// <para>Permissions: requires workflows:write; workspace admins only.</para>
    /// </remarks>
    /// <response code="200">The updated member.</response>
    /// <response code="409">The change would leave the workspace without an admin (last_admin).</response>
    [HttpPatch("{member_id}", Name = "Members_Update")]
    [ProducesResponseType<MemberResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<MemberResponse> Update(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "member_id")] long memberId,
        [FromBody] UpdateMemberRequest body,
        CancellationToken ct) =>
        await Sender.Send(new UpdateMemberCommand(workspaceUuid, memberId, body), ct);

    /// <summary>Remove a member from the workspace.</summary>
    /// <remarks>
    /// <para>
    /// A member who owns workflows is removed only with <c>transferTo</c> (another member, who becomes
    /// their owner), else 409 member_owns_workflows. The last admin cannot be removed (409 last_admin).
    /// </para>
    /// <para>Permissions: requires workflows:write; workspace admins only.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="memberId">The member to remove.</param>
    /// <param name="transferTo">The member who takes over the workflows the removed member owns.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">A success status object: status is "success".</response>
    /// <response code="409">The member owns workflows and no transferTo was given (member_owns_workflows), or is the last admin (last_admin).</response>
    [HttpDelete("{member_id}", Name = "Members_Remove")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<StatusResponse> Remove(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "member_id")] long memberId,
        [FromQuery] long? transferTo,
        CancellationToken ct) =>
        await Sender.Send(new RemoveMemberCommand(workspaceUuid, memberId, transferTo), ct);
}
