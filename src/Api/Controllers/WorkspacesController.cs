using Workflows.Application.Workspaces;
using Workflows.Application.Workspaces.Commands.CreateWorkspace;
using Workflows.Application.Workspaces.Queries.ListMyWorkspaces;

namespace Workflows.Api.Controllers;

/// <summary>Workspaces: the tenant boundary every other resource lives in.</summary>
[Route("api/v2/workspaces")]
[Tags("Workspaces")]
public sealed class WorkspacesController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Create a workspace.</summary>
    /// <remarks>
    /// <para>Any authenticated caller may create one, and becomes its first member, with the role admin.</para>
    /// <para>Permissions: requires workflows:write.</para>
    /// </remarks>
    /// <response code="201">The new workspace, with the caller's role in it.</response>
    [HttpPost(Name = "Workspaces_Create")]
    [ProducesResponseType<WorkspaceResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] CreateWorkspaceRequest body, CancellationToken ct)
    {
        var workspace = await Sender.Send(new CreateWorkspaceCommand(body), ct);
        return Created(Link("Workflows_List", new { workspace_uuid = workspace.Uuid }), workspace);
    }

    /// <summary>List the workspaces the caller belongs to.</summary>
    /// <remarks>
    /// <para>Each with the caller's role in it. Paged by cursor.</para>
    /// <para>Permissions: requires workflows:read.</para>
    /// </remarks>
    /// <response code="200">One page of workspaces, and the cursor of the next page (null on the last).</response>
    [HttpGet(Name = "Workspaces_List")]
    [ProducesResponseType<Page<WorkspaceResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<Page<WorkspaceResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListMyWorkspacesQuery(limit ?? Application.Common.Paging.Paging.DefaultLimit, cursor), ct);
}
