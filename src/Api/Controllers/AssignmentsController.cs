using Workflows.Api.Idempotency;
using Workflows.Application.Assignments;
using Workflows.Application.Common.Paging;

namespace Workflows.Api.Controllers;

/// <summary>Work run through the workspace's workflows. Assignments outlive the workflow they ran through.</summary>
[Route("api/v2/w/{workspace_uuid}/assignments")]
[Tags("Assignments")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class AssignmentsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List assignments, optionally of one workflow.</summary>
    [HttpGet(Name = "Assignments_List")]
    [ProducesResponseType<Page<AssignmentResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<AssignmentResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromQuery] long? workflowId,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken ct) =>
        await Sender.Send(new ListAssignmentsQuery(workspaceUuid, workflowId, limit ?? Paging.DefaultLimit, cursor), ct);

    /// <summary>Start an assignment through a workflow.</summary>
    /// <remarks>Needs "use" permission on the workflow. An archived workflow takes no new assignments (409 workflow_archived).</remarks>
    [HttpPost(Name = "Assignments_Create")]
    [Idempotent]
    [ProducesResponseType<AssignmentResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] CreateAssignmentRequest body, CancellationToken ct)
    {
        var assignment = await Sender.Send(new CreateAssignmentCommand(workspaceUuid, body), ct);
        return Created($"/api/v2/w/{workspaceUuid}/assignments/{assignment.Id}", assignment);
    }

    /// <summary>Retrieve one assignment.</summary>
    [HttpGet("{assignment_id}", Name = "Assignments_Get")]
    [ProducesResponseType<AssignmentResponse>(StatusCodes.Status200OK)]
    public async Task<AssignmentResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "assignment_id")] long assignmentId, CancellationToken ct) =>
        await Sender.Send(new GetAssignmentQuery(workspaceUuid, assignmentId), ct);
}
