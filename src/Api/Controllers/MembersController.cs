using Workflows.Application.Common.Paging;
using Workflows.Application.Members;
using Workflows.Application.Members.Commands.AddMember;
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
}
