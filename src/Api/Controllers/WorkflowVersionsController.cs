using Workflows.Api.Http;
using Workflows.Api.Idempotency;
using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Security;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.Commands.RestoreWorkflowVersion;
using Workflows.Application.Workflows.History;
using Workflows.Application.Workflows.Queries.GetWorkflowVersion;
using Workflows.Application.Workflows.Queries.GetWorkflowVersionDiff;
using Workflows.Application.Workflows.Queries.ListWorkflowVersions;

namespace Workflows.Api.Controllers;

/// <summary>A workflow's history: every version of it, what changed between two, and putting an old one back.</summary>
[Route("api/v2/w/{workspace_uuid}/workflows/{workflow_id}/versions")]
[Tags("Workflows")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class WorkflowVersionsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List a workflow's versions, newest first.</summary>
    /// <remarks>
    /// <para>
    /// Every change to the workflow or its tasks made a version: the workflow's version number after
    /// the change (the number in its ETag), when, by whom, what kind of change (change) and a short
    /// summary. The workflow itself at each version is at versions/{version}. The history keeps the
    /// newest versions (History:MaxVersionsPerWorkflow, 500 by default); older ones are dropped.
    /// Paged by cursor: pass nextCursor back as cursor until it is null.
    /// </para>
    /// <para>Permissions: requires workflows:read and "use" permission on the workflow.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="limit">Page size, 1 to 200 (default 50).</param>
    /// <param name="cursor">nextCursor of the previous page.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">One page of versions, newest first, and the cursor of the next page (null on the last).</response>
    /// <response code="400">A limit or cursor that is not valid (an edited cursor included).</response>
    /// <response code="403">User lacks "use" permission on this workflow.</response>
    /// <response code="404">Workflow with specified ID does not exist.</response>
    [HttpGet(Name = "Workflows_ListVersions")]
    [ProducesResponseType<Page<WorkflowVersionSummaryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<WorkflowVersionSummaryResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken ct) =>
        await Sender.Send(new ListWorkflowVersionsQuery(workspaceUuid, WorkflowKey.Parse(workflowId), limit ?? Paging.DefaultLimit, cursor), ct);

    /// <summary>Retrieve a workflow as it was at one version.</summary>
    /// <remarks>
    /// <para>
    /// The workflow's settings and tasks (with their transitions) right after the change that made
    /// this version, in the shape of Workflows_Get. permissions are what the caller may do to the
    /// workflow now: a version keeps the workflow, not anyone's view of it.
    /// </para>
    /// <para>Permissions: requires workflows:read and "use" permission on the workflow.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="version">The version number (as listed, or as an ETag carried it).</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">The workflow at that version.</response>
    /// <response code="403">User lacks "use" permission on this workflow.</response>
    /// <response code="404">The workflow does not exist, or has no such version (never made, or dropped by retention).</response>
    [HttpGet("{version}", Name = "Workflows_GetVersion")]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status200OK)]
    public async Task<WorkflowResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromRoute(Name = "version")] long version,
        CancellationToken ct) =>
        await Sender.Send(new GetWorkflowVersionQuery(workspaceUuid, WorkflowKey.Parse(workflowId), version), ct);

    /// <summary>What changed between two versions of a workflow, as a JSON Patch.</summary>
    /// <remarks>
    /// <para>
    /// A JSON Patch (RFC 6902, as a JSON array in application/json) that turns the workflow at
    /// version against (by default the version before, as the history keeps it) into the workflow at
    /// version: applied with any JSON Patch library to what Workflows_GetVersion answers for against,
    /// it gives what Workflows_GetVersion answers for version. Tasks are followed by their id: a task
    /// that changed is patched in place (a renamed task is a replace of /tasks/{index}/name), and the
    /// indexes of /tasks are those the list has as each operation is applied in turn. Other lists
    /// (abilities, eventRules, memberRoleAccess, a task's nextTaskIds) are replaced whole. For the
    /// oldest version kept, without against, the patch builds the version from an empty object.
    /// </para>
    /// <para>Permissions: requires workflows:read and "use" permission on the workflow.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="version">The version the patch leads to.</param>
    /// <param name="against">The version the patch starts from (default: the one before).</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">The JSON Patch operations (an empty array when nothing differs).</response>
    /// <response code="400">against is not a positive version number.</response>
    /// <response code="403">User lacks "use" permission on this workflow.</response>
    /// <response code="404">The workflow does not exist, or has no such version (either of the two).</response>
    [HttpGet("{version}/diff", Name = "Workflows_GetVersionDiff")]
    [ProducesResponseType<IReadOnlyList<JsonPatchOperation>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IReadOnlyList<JsonPatchOperation>> Diff(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromRoute(Name = "version")] long version,
        [FromQuery] long? against,
        CancellationToken ct) =>
        await Sender.Send(new GetWorkflowVersionDiffQuery(workspaceUuid, WorkflowKey.Parse(workflowId), version, against), ct);

    /// <summary>Restore a workflow to one of its versions.</summary>
    /// <remarks>
    /// <para>
    /// Makes the workflow's settings, tasks and transitions what they were at that version, as a new
    /// version (change restored, restoredVersion naming the one restored). Tasks that still exist
    /// keep their ids; tasks deleted since come back with new ids. Whether the workflow is archived
    /// stays as it is. ownerId and memberRoleAccess are restored only for a caller with "admin"
    /// permission on the workflow; for anyone else they stay as they are (the version's summary says
    /// so). The rules of any change apply: the name must be free (409 workflow_name_conflict), the
    /// agent, phone number and inbox must still exist (400 invalid_reference). Restoring a version
    /// identical to the workflow changes nothing and makes no version.
    /// </para>
    /// <para>Permissions: Requires workflows:write and "edit" permission on the workflow.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="workflowId">The workflow: its integer id or its uuid.</param>
    /// <param name="version">The version to restore.</param>
    /// <param name="ifMatch">The ETag the workflow must still have (optional); a stale one is answered with 412.</param>
    /// <param name="ct">Cancellation.</param>
    /// <response code="200">The workflow as restored; the ETag header carries its new version.</response>
    /// <response code="400">A reference of the version (agentId, ownerId, defaultPhoneNumberId, defaultInboxId) names nothing of the workspace any more (invalid_reference).</response>
    /// <response code="403">User lacks "edit" permission on this workflow.</response>
    /// <response code="404">The workflow does not exist, or has no such version.</response>
    /// <response code="409">The version's name is now another workflow's (workflow_name_conflict), or the restore lost a race with another write (concurrent_update).</response>
    [HttpPost("{version}/restore", Name = "Workflows_RestoreVersion")]
    [Versioned]
    [Idempotent]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Restore(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromRoute(Name = "version")] long version,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct)
    {
        var workflow = await Sender.Send(new RestoreWorkflowVersionCommand(workspaceUuid, WorkflowKey.Parse(workflowId), version, ifMatch), ct);
        return Tagged(workflow, workflow.ETag);
    }
}
