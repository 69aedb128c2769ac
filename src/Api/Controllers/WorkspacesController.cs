using Workflows.Application.Workspaces;
using Workflows.Application.Workspaces.Commands.CreateWorkspace;
using Workflows.Application.Workspaces.Queries.ListMyWorkspaces;

namespace Workflows.Api.Controllers;

[Route("api/v2/workspaces")]
[Tags("Workspaces")]
public sealed class WorkspacesController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Create a workspace; the caller becomes its admin.</summary>
    [HttpPost(Name = "Workspaces_Create")]
    [ProducesResponseType<WorkspaceResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] CreateWorkspaceRequest body, CancellationToken ct)
    {
        var workspace = await Sender.Send(new CreateWorkspaceCommand(body), ct);
        return Created($"/api/v2/w/{workspace.Uuid}/workflows", workspace);
    }

    /// <summary>The workspaces the caller belongs to.</summary>
    [HttpGet(Name = "Workspaces_List")]
    [ProducesResponseType<Page<WorkspaceResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<Page<WorkspaceResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListMyWorkspacesQuery(limit ?? Application.Common.Paging.Paging.DefaultLimit, cursor), ct);
}
