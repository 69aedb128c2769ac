using Workflows.Api.Http;
using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Security;
using Workflows.Application.Tasks;
using Workflows.Application.Tasks.Commands.CreateTask;
using Workflows.Application.Tasks.Commands.DeleteTask;
using Workflows.Application.Tasks.Commands.UpdateTask;
using Workflows.Application.Tasks.Queries.GetTask;
using Workflows.Application.Tasks.Queries.ListTasks;

namespace Workflows.Api.Controllers;

/// <summary>The tasks of a workflow and the transitions between them.</summary>
[Route("api/v2/w/{workspace_uuid}/workflows/{workflow_id}/tasks")]
[Tags("Tasks")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class TasksController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List a workflow's tasks.</summary>
    /// <remarks>
    /// <para>The tasks of the workflow in the order they were added, each with its transitions (nextTaskIds). Paged by cursor.</para>
    /// <para>Permissions: requires workflows:read and "use" permission on the workflow.</para>
    /// </remarks>
    /// <response code="200">One page of tasks, and the cursor of the next page (null on the last).</response>
    [HttpGet(Name = "Tasks_List")]
    [ProducesResponseType<Page<TaskResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<TaskResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken ct) =>
        await Sender.Send(new ListTasksQuery(workspaceUuid, WorkflowKey.Parse(workflowId), limit ?? Paging.DefaultLimit, cursor), ct);

    /// <summary>Add a task to a workflow.</summary>
    /// <remarks>
    /// <para>
    /// Adds a task with its transitions: nextTaskIds name tasks of the same workflow. A workflow has at
    /// most 1,000 tasks. To make it the workflow's first task, set the workflow's startTaskId.
    /// </para>
    /// <para>Permissions: requires workflows:write and "edit" permission on the workflow.</para>
    /// </remarks>
    /// <response code="201">The new task; Location names it and the ETag header carries its version.</response>
    /// <response code="400">Invalid request data, or nextTaskIds naming a task of another workflow (invalid_reference).</response>
    [HttpPost(Name = "Tasks_Create")]
    [Versioned]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromBody] CreateTaskRequest body,
        CancellationToken ct)
    {
        var task = await Sender.Send(new CreateTaskCommand(workspaceUuid, WorkflowKey.Parse(workflowId), body), ct);
        Response.Headers.Location = Link("Tasks_Get", new { workspace_uuid = workspaceUuid, workflow_id = task.WorkflowId, task_id = task.Id });
        return Tagged(task, task.ETag, StatusCodes.Status201Created);
    }

    /// <summary>Retrieve one task.</summary>
    /// <remarks>
    /// <para>The task with its transitions. The ETag header carries its version (send it as If-Match on an update or delete).</para>
    /// <para>Permissions: requires workflows:read and "use" permission on the workflow.</para>
    /// </remarks>
    /// <response code="200">The task.</response>
    [HttpGet("{task_id}", Name = "Tasks_Get")]
    [Versioned]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromRoute(Name = "task_id")] long taskId,
        CancellationToken ct)
    {
        var task = await Sender.Send(new GetTaskQuery(workspaceUuid, WorkflowKey.Parse(workflowId), taskId), ct);
        return Tagged(task, task.ETag);
    }

    /// <summary>Update a task.</summary>
    /// <remarks>
    /// <para>
    /// Every field is optional: a field left out stays as it is, a field sent as null is cleared.
    /// nextTaskIds replaces the task's transitions.
    /// </para>
    /// <para>Permissions: requires workflows:write and "edit" permission on the workflow.</para>
    /// </remarks>
    /// <response code="200">The updated task.</response>
    [HttpPut("{task_id}", Name = "Tasks_Update")]
    [Versioned]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Update(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromRoute(Name = "task_id")] long taskId,
        [FromBody] UpdateTaskRequest body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct)
    {
        var task = await Sender.Send(new UpdateTaskCommand(workspaceUuid, WorkflowKey.Parse(workflowId), taskId, body, ifMatch), ct);
        return Tagged(task, task.ETag);
    }

    /// <summary>Delete a task.</summary>
    /// <remarks>
    /// <para>Transitions that led to it are removed; if it was the start task, the workflow has none.</para>
    /// <para>Permissions: requires workflows:write and "edit" permission on the workflow.</para>
    /// </remarks>
    /// <response code="200">A success status object: status is "success".</response>
    [HttpDelete("{task_id}", Name = "Tasks_Delete")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<StatusResponse> Delete(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromRoute(Name = "task_id")] long taskId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken ct) =>
        await Sender.Send(new DeleteTaskCommand(workspaceUuid, WorkflowKey.Parse(workflowId), taskId, ifMatch), ct);
}
