using System.ComponentModel;
using Workflows.Api.Http;
using Workflows.Api.Idempotency;
using Workflows.Api.OpenApi;
using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Security;
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

/// <summary>The workspace's workflows: create, read, update, archive, clone and delete them, and preview what a delete would take with it.</summary>
[Route("api/v2/w/{workspace_uuid}/workflows")]
[Tags("Workflows")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class WorkflowsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the workflows the caller can use.</summary>
    /// <remarks>
    /// <para>
    /// Lists the workflows of the workspace on which the caller has at least "use" permission, with
    /// their settings and task counts but without their tasks. Archived workflows are hidden unless
    /// <c>archived=true</c>, which lists only archived ones.
    /// </para>
    /// <para>
    /// Filter by name (<c>q</c>, case-insensitive), owner, agent, or what the caller may do
    /// (<c>can</c>); sort by <c>name</c>, <c>createdAt</c> (default) or <c>updatedAt</c>. Paged by cursor:
    /// pass <c>nextCursor</c> back as <c>cursor</c> until it is null.
    /// </para>
    /// <para>Permissions: requires workspace membership and workflows:read.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
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
    /// <response code="200">One page of workflows, and the cursor of the next page (null on the last).</response>
    /// <response code="400">A filter, limit or cursor that is not valid (an edited cursor included).</response>
    [HttpGet(Name = "Workflows_List")]
    [ProducesResponseType<Page<WorkflowSummaryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<WorkflowSummaryResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromQuery, DefaultValue(false)] bool? archived,
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
    /// <remarks>
    /// <para>
    /// Creates a workflow, without tasks, owned by the caller. Add tasks with the tasks endpoints, then
    /// set <c>startTaskId</c> with an update. Names are unique in the workspace, compared
    /// case-insensitively, archived workflows included.
    /// </para>
    /// <para>Permissions: requires workflows:write and the workspace role member or admin.</para>
    /// </remarks>
    /// <response code="201">The new workflow; Location names it and the ETag header carries its version.</response>
    /// <response code="400">Invalid request data, or a reference (agentId, defaultPhoneNumberId, defaultInboxId) that names nothing of this workspace (invalid_reference).</response>
    /// <response code="403">The caller is a guest of the workspace, or the token lacks workflows:write.</response>
    /// <response code="409">A workflow with this name already exists (workflow_name_conflict).</response>
    [HttpPost(Name = "Workflows_Create")]
    [Versioned]
    [Idempotent]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromBody] CreateWorkflowRequest body, CancellationToken ct)
    {
        var workflow = await Sender.Send(new CreateWorkflowCommand(workspaceUuid, body), ct);
        Response.Headers.Location = Link("Workflows_Get", new { workspace_uuid = workspaceUuid, workflow_id = workflow.Id });
        return Tagged(workflow, workflow.ETag, StatusCodes.Status201Created);
    }

    /// <summary>Retrieve a specific workflow by its identifier.</summary>
    /// <remarks>
    /// <para>
    /// Fetches complete workflow details including all associated tasks, configuration, and permissions.
    /// This endpoint accepts multiple identifier formats for flexibility: numeric ID or UUID. Use this
    /// when you need to view or edit a specific workflow's complete configuration.
    /// </para>
    /// <para>
    /// Permissions: Requires valid workspace membership and "use" permission on the workflow. Members
    /// without appropriate permissions will receive a 403 error even if the workflow exists.
    /// </para>
    /// <para>
    /// The ETag header carries the workflow's version: send it as If-Match on a write to refuse (412)
    /// overwriting a change you have not seen, or as If-None-Match to get 304 when nothing changed.
    /// </para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">A WorkflowResponse: id, uuid, name, description, ownerId, agentId, startTaskId, tasks, permissions (use, edit), createdAt, updatedAt and the workflow's other settings.</response>
    /// <response code="401">Authentication required or invalid session.</response>
    /// <response code="403">User lacks "use" permission on this workflow.</response>
    /// <response code="404">Workflow with specified identifier does not exist (an identifier that is neither an integer ID nor a UUID names none).</response>
    [HttpGet("{workflow_id}", Name = "Workflows_Get")]
    [Versioned]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<IActionResult> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "workflow_id")] string workflowId, CancellationToken ct)
    {
        var workflow = await Sender.Send(new GetWorkflowQuery(workspaceUuid, workflowId), ct);
        return Tagged(workflow, workflow.ETag);
    }

    /// <summary>Update an existing workflow's configuration.</summary>
    /// <remarks>
    /// <para>
    /// Modifies workflow settings including name, description, associated agent, and default task. Use
    /// this endpoint to refine workflows as your business processes evolve or to update configuration
    /// after initial creation.
    /// </para>
    /// <para>
    /// Every field of the body is optional: a field left out stays as it is, a field sent as null is
    /// cleared. A body read with GET can be sent back as it is: its read-only fields are ignored.
    /// </para>
    /// <para>
    /// Permissions: Requires valid workspace membership and "edit" permission on the workflow. Only
    /// workflow owners or members with appropriate permissions can update. Changing memberRoleAccess
    /// or ownerId requires "admin" permission.
    /// </para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="body">The fields to change.</param>
    /// <param name="ifMatch">The ETag the workflow must still have (optional); a stale one is answered with 412.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">A WorkflowResponse with the updated workflow configuration, including all associated tasks and current permissions.</response>
    /// <response code="400">Invalid request data or validation failure.</response>
    /// <response code="401">Authentication required or invalid session.</response>
    /// <response code="403">User lacks "edit" permission on this workflow.</response>
    /// <response code="404">Workflow with specified ID does not exist.</response>
    /// <response code="409">The new name is taken (workflow_name_conflict), or the update lost a race with another (concurrent_update).</response>
    [HttpPut("{workflow_id}", Name = "Workflows_Update")]
    [Versioned]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Update(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromBody] UpdateWorkflowRequest body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct)
    {
        var workflow = await Sender.Send(new UpdateWorkflowCommand(workspaceUuid, WorkflowKey.Parse(workflowId), body, ifMatch), ct);
        return Tagged(workflow, workflow.ETag);
    }

    /// <summary>Delete a workflow permanently.</summary>
    /// <remarks>
    /// <para>
    /// Removes a workflow from the workspace. By default, workflows with tasks cannot be deleted. Set
    /// cascade=true to delete the workflow and all its associated tasks. Deletion requires workspace
    /// admin scope and workflow delete/admin authority.
    /// </para>
    /// <para>
    /// A cascade delete is one transaction: the workflow and all its tasks go, or nothing does.
    /// Assignments that ran through the workflow are never deleted.
    /// </para>
    /// <para>Permissions: Requires workflows:admin and workflow delete/admin authority.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="cascade">If true, deletes workflow and all associated tasks.</param>
    /// <param name="ifMatch">The ETag the workflow must still have (optional); a stale one is answered with 412.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">A success status object: status is "success"; deletedTaskCount is the number of tasks deleted (only when cascade=true).</response>
    /// <response code="400">Workflow has existing tasks and cascade=false (workflow_has_tasks).</response>
    /// <response code="401">Authentication required or invalid session.</response>
    /// <response code="403">User lacks delete authority, or the token lacks workflows:admin.</response>
    /// <response code="404">Workflow with specified ID does not exist.</response>
    [HttpDelete("{workflow_id}", Name = "Workflows_Delete")]
    [TokenScope(Scope.Admin)]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<StatusResponse> Delete(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromQuery, DefaultValue(false)] bool? cascade,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct) =>
        await Sender.Send(new DeleteWorkflowCommand(workspaceUuid, WorkflowKey.Parse(workflowId), cascade ?? false, ifMatch), ct);

    /// <summary>Archive a workflow.</summary>
    /// <remarks>
    /// <para>
    /// Archives a workflow, hiding it from the default workflow list. Archived workflows cannot be used
    /// to create new assignments, but existing assignments remain accessible. Members with workflow edit
    /// authority can archive workflows. Archiving an archived workflow succeeds and changes nothing.
    /// </para>
    /// <para>Permissions: Requires workflows:write and workflow edit authority.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="ifMatch">The ETag the workflow must still have (optional); a stale one is answered with 412.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">A success status object: status is "success", confirming archival.</response>
    /// <response code="401">Authentication required or invalid session.</response>
    /// <response code="403">User lacks workflow edit authority.</response>
    /// <response code="404">Workflow with specified ID does not exist.</response>
    [HttpPost("{workflow_id}/archive", Name = "Workflows_Archive")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<StatusResponse> Archive(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct) =>
        await Sender.Send(new ArchiveWorkflowCommand(workspaceUuid, WorkflowKey.Parse(workflowId), ifMatch), ct);

    /// <summary>Unarchive a workflow.</summary>
    /// <remarks>
    /// <para>
    /// Restores an archived workflow, making it visible in the default workflow list and available for
    /// creating new assignments. Members with workflow edit authority can unarchive workflows.
    /// Unarchiving an active workflow succeeds and changes nothing.
    /// </para>
    /// <para>Permissions: Requires workflows:write and workflow edit authority.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="ifMatch">The ETag the workflow must still have (optional); a stale one is answered with 412.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">A success status object: status is "success", confirming unarchival.</response>
    /// <response code="401">Authentication required or invalid session.</response>
    /// <response code="403">User lacks workflow edit authority.</response>
    /// <response code="404">Workflow with specified ID does not exist.</response>
    [HttpPost("{workflow_id}/unarchive", Name = "Workflows_Unarchive")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<StatusResponse> Unarchive(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct) =>
        await Sender.Send(new UnarchiveWorkflowCommand(workspaceUuid, WorkflowKey.Parse(workflowId), ifMatch), ct);

    /// <summary>Clone a workflow with all tasks and associations.</summary>
    /// <remarks>
    /// <para>
    /// Creates a complete copy of an existing workflow including all associated tasks, task
    /// configurations, and relationships. Use this endpoint to duplicate successful workflows for
    /// reuse, create variations, or establish templates from existing work. The cloned workflow
    /// becomes owned by the requesting member.
    /// </para>
    /// <para>
    /// The copy has new identifiers (id and uuid), the source's settings, abilities, event rules and
    /// role access, and copies of its tasks and the transitions between them; its startTaskId points
    /// at the copy of the start task. The copy is not archived.
    /// </para>
    /// <para>
    /// Permissions: Requires valid workspace membership with "use" permission on the source workflow
    /// and permission to create workflows in the workspace (the role member or admin).
    /// </para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="body">The display name for the cloned workflow (required).</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="201">A WorkflowResponse with the newly cloned workflow: new identifiers, the copied configuration and tasks, and the caller's permissions as its owner.</response>
    /// <response code="400">Invalid request data: name is required, 1 to 200 characters.</response>
    /// <response code="401">Authentication required or invalid session.</response>
    /// <response code="403">User lacks "use" permission on source workflow or cannot create workflows.</response>
    /// <response code="404">Workflow with specified ID does not exist.</response>
    /// <response code="409">A workflow with the specified name already exists (workflow_name_conflict).</response>
    [HttpPost("{workflow_id}/clone", Name = "Workflows_Clone")]
    [Versioned]
    [Idempotent]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Clone(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromBody] CloneWorkflowRequest body,
        CancellationToken ct)
    {
        var copy = await Sender.Send(new CloneWorkflowCommand(workspaceUuid, WorkflowKey.Parse(workflowId), body), ct);
        Response.Headers.Location = Link("Workflows_Get", new { workspace_uuid = workspaceUuid, workflow_id = copy.Id });
        return Tagged(copy, copy.ETag, StatusCodes.Status201Created);
    }

    /// <summary>Preview what will be deleted/archived when deleting a workflow.</summary>
    /// <remarks>
    /// <para>
    /// Returns information about all tasks that will be deleted along with the workflow, and whether
    /// there are any assignments associated with this workflow.
    /// </para>
    /// <para>
    /// The ETag header is the workflow's: send it as If-Match on the delete to delete exactly what was
    /// previewed.
    /// </para>
    /// <para>Permissions: Requires valid workspace membership and "edit" permission on the workflow.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">taskCount (the number of tasks that will be deleted), tasks (id, name and description of each) and hasAssignments (whether this workflow has any assignments).</response>
    /// <response code="401">Authentication required or invalid session.</response>
    /// <response code="403">User lacks "edit" permission.</response>
    /// <response code="404">Workflow with specified ID does not exist.</response>
    [HttpGet("{workflow_id}/deletion-preview", Name = "Workflows_GetDeletionPreview")]
    [Versioned]
    [ProducesResponseType<DeletionPreviewResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<IActionResult> GetDeletionPreview(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "workflow_id")] string workflowId, CancellationToken ct)
    {
        var preview = await Sender.Send(new GetWorkflowDeletionPreviewQuery(workspaceUuid, WorkflowKey.Parse(workflowId)), ct);
        return Tagged(preview, preview.ETag);
    }
}
