using Workflows.Api.Http;
using Workflows.Api.Idempotency;
using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Security;
using Workflows.Application.Templates;
using Workflows.Application.Templates.Commands.CreateWorkflowFromTemplate;
using Workflows.Application.Templates.Queries.GetTemplate;
using Workflows.Application.Templates.Queries.ListTemplates;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.Commands.SaveWorkflowAsTemplate;

namespace Workflows.Api.Controllers;

/// <summary>Ready workflow definitions: the built-in catalogue and the workspace's own templates.</summary>
[Route("api/v2/w/{workspace_uuid}/workflows")]
[Tags("Templates")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class TemplatesController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the templates.</summary>
    /// <remarks>
    /// <para>
    /// The built-in catalogue first, then the workspace's own templates (saved from its workflows),
    /// each by name (compared case-insensitively), ties by age. Each item is a summary: the
    /// settings and tasks of a template come from retrieving it. Paged by cursor.
    /// </para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <param name="workspaceUuid">The uuid of the workspace.</param>
    /// <param name="limit">Templates per page, 1 to 200 (default 50).</param>
    /// <param name="cursor">The nextCursor of the previous page; leave it out for the first page.</param>
    /// <param name="ct">Cancelled when the caller goes away.</param>
    /// <response code="200">One page of template summaries, and the cursor of the next page (null on the last).</response>
    /// <response code="400">limit out of range, or a cursor this service did not issue for this list.</response>
    [HttpGet("templates", Name = "Templates_List")]
    [ProducesResponseType<Page<TemplateSummaryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<Page<TemplateSummaryResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        await Sender.Send(new ListTemplatesQuery(workspaceUuid, limit ?? Paging.DefaultLimit, cursor), ct);

    /// <summary>Retrieve a template with its tasks and transitions.</summary>
    /// <remarks>
    /// <para>The template's settings and tasks; transitions name tasks by their key within the template.</para>
    /// <para>Permissions: requires workflows:read and membership of the workspace.</para>
    /// </remarks>
    /// <response code="200">The template.</response>
    [HttpGet("templates/{template_uuid}", Name = "Templates_Get")]
    [ProducesResponseType<TemplateResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<TemplateResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "template_uuid")] Guid templateUuid, CancellationToken ct) =>
        await Sender.Send(new GetTemplateQuery(workspaceUuid, templateUuid), ct);

    /// <summary>Create a workflow from a template.</summary>
    /// <remarks>
    /// <para>
    /// The new workflow has the template's settings, tasks, transitions and start task, and the
    /// caller owns it.
    /// </para>
    /// <para>Permissions: requires workflows:write and the workspace role member or admin.</para>
    /// </remarks>
    /// <response code="201">The new workflow; Location names it and the ETag header carries its version.</response>
    /// <response code="409">A workflow with this name already exists (workflow_name_conflict).</response>
    [HttpPost("templates/{template_uuid}/create-workflow", Name = "Templates_CreateWorkflow")]
    [Versioned]
    [Idempotent]
    [ProducesResponseType<WorkflowResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> CreateWorkflow(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "template_uuid")] Guid templateUuid,
        [FromBody] CreateWorkflowFromTemplateRequest body,
        CancellationToken ct)
    {
        var workflow = await Sender.Send(new CreateWorkflowFromTemplateCommand(workspaceUuid, templateUuid, body), ct);
        Response.Headers.Location = Link("Workflows_Get", new { workspace_uuid = workspaceUuid, workflow_id = workflow.Id });
        return Tagged(workflow, workflow.ETag, StatusCodes.Status201Created);
    }

    /// <summary>Save a workflow as a template of this workspace.</summary>
    /// <remarks>
    /// <para>
    /// Copies the workflow's settings, tasks and transitions into a template that only this workspace
    /// sees. The body is optional: name and description default to the workflow's.
    /// </para>
    /// <para>
    /// A workspace may have at most 500 templates, and a template at most 1,000 tasks and 1 MiB of
    /// settings and tasks as JSON.
    /// </para>
    /// <para>Permissions: requires workflows:write and "edit" permission on the workflow.</para>
    /// </remarks>
    /// <response code="201">The new template; Location names it.</response>
    /// <response code="400">Invalid input, or the template would exceed 1,000 tasks or 1 MiB of JSON (template_too_large).</response>
    /// <response code="409">The workspace already has 500 templates, the most it may have (template_limit_reached), or the save lost a race with another write (conflict).</response>
    [HttpPost("{workflow_id}/save-as-template", Name = "Workflows_SaveAsTemplate")]
    [Tags("Workflows")] // with the other operations on a workflow, and in the clients' WorkflowsClient
    [ProducesResponseType<TemplateResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> SaveAsTemplate(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] string workflowId,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] SaveAsTemplateRequest? body,
        CancellationToken ct)
    {
        var template = await Sender.Send(new SaveWorkflowAsTemplateCommand(workspaceUuid, WorkflowKey.Parse(workflowId), body), ct);
        return Created(Link("Templates_Get", new { workspace_uuid = workspaceUuid, template_uuid = template.Uuid }), template);
    }
}
