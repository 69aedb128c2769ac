using Workflows.Api.Idempotency;
using Workflows.Application.Assignments;
using Workflows.Application.Assignments.Commands.CreateAssignment;
using Workflows.Application.Assignments.Queries.GetAssignment;
using Workflows.Application.Assignments.Queries.ListAssignments;
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
    /// <remarks>
    /// <para>
    /// The assignments of the workspace, or of the workflow named by workflowId. An assignment keeps the
    /// name and uuid of its workflow after the workflow is deleted. Paged by cursor.
    /// </para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">Only the assignments of this workflow.</param>
    /// <param name="limit">Page size, 1 to 200 (default 50).</param>
    /// <param name="cursor">The nextCursor of the previous page; leave out for the first page.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">One page of assignments, and the cursor of the next page (null on the last).</response>
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
    /// <remarks>
    /// <para>An archived workflow takes no new assignments (409 workflow_archived).</para>
    /// <para>Permissions: requires workflows:write and "use" permission on the workflow.</para>
    /// </remarks>
    /// <response code="201">The new assignment; Location names it.</response>
    /// <response code="409">The workflow is archived (workflow_archived).</response>
    [HttpPost(Name = "Assignments_Create")]
    [Idempotent]
    [ProducesResponseType<AssignmentResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] CreateAssignmentRequest body, CancellationToken ct)
    {
        var assignment = await Sender.Send(new CreateAssignmentCommand(workspaceUuid, body), ct);
        return Created(Link("Assignments_Get", new { workspace_uuid = workspaceUuid, assignment_id = assignment.Id }), assignment);
    }

    /// <summary>Retrieve one assignment.</summary>
    /// <remarks>
    /// <para>The assignment, with the name and uuid of the workflow it ran through (kept after that workflow is deleted).</para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">The assignment.</response>
    [HttpGet("{assignment_id}", Name = "Assignments_Get")]
    [ProducesResponseType<AssignmentResponse>(StatusCodes.Status200OK)]
    public async Task<AssignmentResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "assignment_id")] long assignmentId, CancellationToken ct) =>
        await Sender.Send(new GetAssignmentQuery(workspaceUuid, assignmentId), ct);
}
