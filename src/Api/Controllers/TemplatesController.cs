using Workflows.Api.Idempotency;
using Workflows.Application.Templates;
using Workflows.Application.Workflows;

namespace Workflows.Api.Controllers;

/// <summary>Ready workflow definitions: the built-in catalogue and the workspace's own templates.</summary>
[Route("api/v2/w/{workspace_uuid}/workflows")]
[Tags("Templates")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
public sealed class TemplatesController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List the templates: built-in ones first, then the workspace's own.</summary>
    [HttpGet("templates", Name = "Templates_List")]
    [ProducesResponseType<IReadOnlyList<TemplateSummaryResponse>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<TemplateSummaryResponse>> List(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, CancellationToken ct) =>
        await Sender.Send(new ListTemplatesQuery(workspaceUuid), ct);

    /// <summary>Retrieve a template with its tasks and transitions.</summary>
    [HttpGet("templates/{template_uuid}", Name = "Templates_Get")]
    [ProducesResponseType<TemplateResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<TemplateResponse> Get(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid, [FromRoute(Name = "template_uuid")] Guid templateUuid, CancellationToken ct) =>
        await Sender.Send(new GetTemplateQuery(workspaceUuid, templateUuid), ct);

    /// <summary>Create a workflow from a template.</summary>
    /// <remarks>
    /// The new workflow has the template's settings, tasks, transitions and start task, and the
    /// caller owns it. Needs the workspace role member or admin; 409 workflow_name_conflict when the name is taken.
    /// </remarks>
    [HttpPost("templates/{template_uuid}/create-workflow", Name = "Templates_CreateWorkflow")]
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
        Response.Headers.Location = $"/api/v2/w/{workspaceUuid}/workflows/{workflow.Id}";
        return Tagged(workflow, workflow.ETag, StatusCodes.Status201Created);
    }

    /// <summary>Save a workflow as a template of this workspace.</summary>
    /// <remarks>Needs "edit" permission on the workflow. Only this workspace sees the template.</remarks>
    [HttpPost("{workflow_id}/save-as-template", Name = "Workflows_SaveAsTemplate")]
    [ProducesResponseType<TemplateResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> SaveAsTemplate(
        [FromRoute(Name = "workspace_uuid")] Guid workspaceUuid,
        [FromRoute(Name = "workflow_id")] long workflowId,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] SaveAsTemplateRequest? body,
        CancellationToken ct)
    {
        var template = await Sender.Send(new SaveWorkflowAsTemplateCommand(workspaceUuid, workflowId, body), ct);
        return Created($"/api/v2/w/{workspaceUuid}/workflows/templates/{template.Uuid}", template);
    }
}
