using Workflows.Application.Common.Paging;
using Workflows.Application.Members;
using Workflows.Application.Members.Commands.AddMember;
using Workflows.Application.Members.Commands.RemoveMember;
using Workflows.Application.Members.Commands.UpdateMember;
using Workflows.Application.Members.Queries.GetMember;
using Workflows.Application.Members.Queries.ListMembers;

namespace Workflows.Api.Controllers;

[Route("api/v2/w/{workspace_uuid}/members")]
[Tags("Members")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class MembersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>The members of the workspace: people, daemons and agents.</summary>
    [HttpGet(Name = "Members_List")]
    [ProducesResponseType<Page<MemberResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<Page<MemberResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListMembersQuery(workspaceUuid, limit ?? Paging.DefaultLimit, cursor), ct);

    /// <summary>Add a person or daemon (by Azure AD object id) or an agent. Workspace admins only.</summary>
    [HttpPost(Name = "Members_Add")]
    [ProducesResponseType<MemberResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Add(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] AddMemberRequest body, CancellationToken ct)
    {
        var member = await Sender.Send(new AddMemberCommand(workspaceUuid, body), ct);
        return Created($"/api/v2/w/{workspaceUuid}/members/{member.Id}", member);
    }

    /// <summary>Retrieve one member.</summary>
    [HttpGet("{member_id}", Name = "Members_Get")]
    [ProducesResponseType<MemberResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<MemberResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "member_id")] long memberId, CancellationToken ct) =>
        await Sender.Send(new GetMemberQuery(workspaceUuid, memberId), ct);

    /// <summary>Change a member's role or display name. Workspace admins only; the last admin cannot be demoted (409 last_admin).</summary>
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

    /// <summary>Remove a member. Workspace admins only.</summary>
    /// <remarks>
    /// A member who owns workflows is removed only with <c>transferTo</c> (another member, who becomes
    /// their owner), else 409 member_owns_workflows. The last admin cannot be removed (409 last_admin).
    /// </remarks>
    /// <param name="workspaceUuid">The workspace.</param>
    /// <param name="memberId">The member to remove.</param>
    /// <param name="transferTo">The member who takes over the workflows the removed member owns.</param>
    /// <param name="ct">Cancellation.</param>
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
