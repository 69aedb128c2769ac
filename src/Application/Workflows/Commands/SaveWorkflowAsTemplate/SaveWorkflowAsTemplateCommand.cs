using Workflows.Application.Templates;
using Workflows.Domain.Templates;

namespace Workflows.Application.Workflows.Commands.SaveWorkflowAsTemplate;

public sealed record SaveAsTemplateRequest
{
    /// <summary>The template's name; the workflow's when left out.</summary>
    public string? Name { get; init; }
    public string? Description { get; init; }
}

/// <summary>
/// Saves a workflow (settings, tasks, transitions) as a template of its workspace. Needs edit
/// authority. Transactional: the count of the workspace's templates and the insert are one
/// consistent state, so concurrent saves never take a workspace past its limit.
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record SaveWorkflowAsTemplateCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, SaveAsTemplateRequest? Body)
    : ICommand<TemplateResponse>, IWorkflowRequest
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class SaveWorkflowAsTemplateHandler(IApplicationDbContext db, IWorkflowStore workflows, IRowLocks locks, CurrentMember current, CurrentWorkflow target, AuditTrail audit)
    : ICommandHandler<SaveWorkflowAsTemplateCommand, TemplateResponse>
{
    public async ValueTask<TemplateResponse> Handle(SaveWorkflowAsTemplateCommand command, CancellationToken cancellationToken)
    {
        var workflow = await workflows.GetWithTasksAsync(current.WorkspaceId, target.Id, forUpdate: false, cancellationToken);
        var template = WorkspaceTemplate.SaveFrom(workflow, command.Body?.Name, command.Body?.Description, current.Member.Id);

        // The guard: the workspace's lock, held until this transaction ends, makes the saves of
        // one workspace count and insert one after another.
        await locks.LockWorkspaceAsync(current.WorkspaceId, cancellationToken);
        var saved = await db.WorkspaceTemplates.CountAsync(t => t.WorkspaceId == current.WorkspaceId, cancellationToken);
        if (saved >= TemplateLimits.MaxPerWorkspace) throw new TemplateLimitReachedException();

        db.WorkspaceTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.WorkflowSavedAsTemplate, new AuditTarget(template.Id, template.Uuid, template.Name), details: new WorkflowSavedAsTemplateDetails(workflow.Id, workflow.Uuid));
        return TemplateResponse.From(template.ToTemplate());
    }
}

public sealed class SaveWorkflowAsTemplateValidator : AbstractValidator<SaveWorkflowAsTemplateCommand>
{
    public SaveWorkflowAsTemplateValidator() => When(x => x.Body is not null, () =>
    {
        When(x => x.Body!.Name is not null, () => RuleFor(x => x.Body!.Name).WorkflowName());
        RuleFor(x => x.Body!.Description).Description();
    });
}
