using Workflows.Api.Idempotency;
using Workflows.Application.Common.Paging;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.Commands.ArchiveWorkflow;
using Workflows.Application.Workflows.Commands.CloneWorkflow;
using Workflows.Application.Workflows.Commands.CreateWorkflow;
using Workflows.Application.Workflows.Commands.DeleteWorkflow;
using Workflows.Application.Workflows.Commands.UnarchiveWorkflow;
using Workflows.Application.Workflows.Commands.UpdateWorkflow;
using Workflows.Application.Workflows.Queries.GetWorkflow;
using Workflows.Application.Workflows.Queries.GetWorkflowDeletionPreview;
using Workflows.Application.Workflows.Queries.ListWorkflows;
using Workflows.Domain.Workflows;

namespace Workflows.Api.Controllers;

/// <summary>Workflow creation and management.</summary>
[Route("api/v2/w/{workspace_uuid}/workflows")]
[Tags("Workflows")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class WorkflowsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the workflows the caller can use.</summary>
    /// <remarks>
    /// Archived workflows are hidden unless <c>archived=true</c>, which lists only archived ones.
    /// Filter by name (<c>q</c>, case-insensitive), owner, agent, or what the caller may do
    /// (<c>can</c>); sort by <c>name</c>, <c>createdAt</c> (default) or <c>updatedAt</c>. Paged by cursor.
    /// </remarks>
    /// <param name="workspaceUuid">The workspace.</param>
    /// <param name="archived">true lists only archived workflows; false (default) only active ones.</param>
    /// <param name="q">Part of the name, compared case-insensitively.</param>
    /// <param name="ownerId">Only workflows this member owns.</param>
    /// <param name="agentId">Only workflows run by this agent.</param>
    /// <param name="can">Only workflows the caller may do at least this much to (default use).</param>
    /// <param name="sort">name, createdAt (default) or updatedAt.</param>
    /// <param name="order">asc (default) or desc.</param>
    /// <param name="limit">Page size, 1 to 200 (default 50).</param>
    /// <param name="cursor">nextCursor of the previous page.</param>
    /// <param name="ct">Cancellation.</param>
    [HttpGet(Name = "Workflows_List")]
    [ProducesResponseType<Page<WorkflowSummaryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<WorkflowSummaryResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromQuery] bool? archived,
        [FromQuery] string? q,
        [FromQuery] long? ownerId,
        [FromQuery] long? agentId,
        [FromQuery] WorkflowAccess? can,
        [FromQuery] WorkflowSort? sort,
        [FromQuery] SortOrder? order,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken ct) =>
        await Sender.Send(new ListWorkflowsQuery(
            workspaceUuid, archived ?? false, q, ownerId, agentId, can ?? WorkflowAccess.Use,
            sort ?? WorkflowSort.CreatedAt, order ?? SortOrder.Asc, limit ?? Paging.DefaultLimit, cursor), ct);

    /// <summary>Create a workflow.</summary>
    /// <remarks>The caller becomes its owner. Needs the workspace role member or admin.</remarks>
    [HttpPost(Name = "Workflows_Create")]
    [Idempotent]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] CreateWorkflowRequest body, CancellationToken ct)
    {
        var workflow = await Sender.Send(new CreateWorkflowCommand(workspaceUuid, body), ct);
        Response.Headers.Location = $"/api/v2/w/{workspaceUuid}/workflows/{workflow.Id}";
        return Tagged(workflow, workflow.ETag, StatusCodes.Status201Created);
    }

    /// <summary>Retrieve a specific workflow by its identifier.</summary>
    /// <remarks>
    /// Fetches complete workflow details including all associated tasks, configuration, and permissions.
    /// Accepts the numeric id or the uuid. Requires "use" permission on the workflow.
    /// </remarks>
    /// <param name="workspaceUuid">The workspace.</param>
    /// <param name="workflowId">Workflow identifier (can be integer ID or UUID string).</param>
    /// <param name="ct">Cancellation.</param>
    [HttpGet("{workflow_id}", Name = "Workflows_Get")]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "workflow_id")] string workflowId, CancellationToken ct)
    {
        var workflow = await Sender.Send(new GetWorkflowQuery(workspaceUuid, workflowId), ct);
        return Tagged(workflow, workflow.ETag);
    }

    /// <summary>Update an existing workflow's configuration.</summary>
    /// <remarks>
    /// Every field is optional: a field left out stays as it is, a field sent as null is cleared.
    /// Requires "edit" permission; changing memberRoleAccess or ownerId requires "admin".
    /// Send If-Match with the ETag you read to refuse (412) an update over someone else's.
    /// </remarks>
    [HttpPut("{workflow_id}", Name = "Workflows_Update")]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Update(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] long workflowId,
        [FromBody] UpdateWorkflowRequest body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct)
    {
        var workflow = await Sender.Send(new UpdateWorkflowCommand(workspaceUuid, workflowId, body, ifMatch), ct);
        return Tagged(workflow, workflow.ETag);
    }

    /// <summary>Delete a workflow permanently.</summary>
    /// <remarks>
    /// By default, workflows with tasks cannot be deleted (400, code workflow_has_tasks). Set cascade=true
    /// to delete the workflow and all its tasks. Requires workflows:admin and delete authority.
    /// </remarks>
    /// <param name="workspaceUuid">The workspace.</param>
    /// <param name="workflowId">Unique identifier of the workflow to delete.</param>
    /// <param name="cascade">If true, deletes workflow and all associated tasks.</param>
    /// <param name="ifMatch">Optional ETag the workflow must still have.</param>
    /// <param name="ct">Cancellation.</param>
    [HttpDelete("{workflow_id}", Name = "Workflows_Delete")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<StatusResponse> Delete(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] long workflowId,
        [FromQuery] bool? cascade,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct) =>
        await Sender.Send(new DeleteWorkflowCommand(workspaceUuid, workflowId, cascade ?? false, ifMatch), ct);

    /// <summary>Archive a workflow.</summary>
    /// <remarks>Hides it from the default list; it takes no new assignments. Idempotent. Requires "edit" permission.</remarks>
    [HttpPost("{workflow_id}/archive", Name = "Workflows_Archive")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<StatusResponse> Archive(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] long workflowId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct) =>
        await Sender.Send(new ArchiveWorkflowCommand(workspaceUuid, workflowId, ifMatch), ct);

    /// <summary>Unarchive a workflow.</summary>
    /// <remarks>Restores it to the default list and to new assignments. Idempotent. Requires "edit" permission.</remarks>
    [HttpPost("{workflow_id}/unarchive", Name = "Workflows_Unarchive")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<StatusResponse> Unarchive(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] long workflowId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct) =>
        await Sender.Send(new UnarchiveWorkflowCommand(workspaceUuid, workflowId, ifMatch), ct);

    /// <summary>Clone a workflow with all tasks and associations.</summary>
    /// <remarks>
    /// Copies tasks, transitions, abilities, event rules and role access; the caller owns the copy.
    /// Requires "use" permission on the source and the workspace role member or admin.
    /// </remarks>
    [HttpPost("{workflow_id}/clone", Name = "Workflows_Clone")]
    [Idempotent]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Clone(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] long workflowId,
        [FromBody] CloneWorkflowRequest body,
        CancellationToken ct)
    {
        var copy = await Sender.Send(new CloneWorkflowCommand(workspaceUuid, workflowId, body), ct);
        Response.Headers.Location = $"/api/v2/w/{workspaceUuid}/workflows/{copy.Id}";
        return Tagged(copy, copy.ETag, StatusCodes.Status201Created);
    }

    /// <summary>Preview what will be deleted when deleting a workflow.</summary>
    /// <remarks>
    /// The tasks that would be deleted with it, and whether assignments refer to it. The ETag is the
    /// workflow's: send it as If-Match on the delete to delete exactly what was previewed.
    /// Requires "edit" permission.
    /// </remarks>
    [HttpGet("{workflow_id}/deletion-preview", Name = "Workflows_GetDeletionPreview")]
    [ProducesResponseType<DeletionPreviewResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> GetDeletionPreview(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "workflow_id")] long workflowId, CancellationToken ct)
    {
        var preview = await Sender.Send(new GetWorkflowDeletionPreviewQuery(workspaceUuid, workflowId), ct);
        return Tagged(preview, preview.ETag);
    }
}
