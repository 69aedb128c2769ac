using Workflows.Application.Common.Telemetry;
using Workflows.Application.Workflows;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Templates.Commands.CreateWorkflowFromTemplate;

public sealed record CreateWorkflowFromTemplateRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
}

/// <summary>A new workflow with the template's settings, tasks, transitions and start task; the caller owns it.</summary>
[Transactional]
[RequiresScope(Scope.Write)]
public sealed record CreateWorkflowFromTemplateCommand(Guid WorkspaceUuid, Guid TemplateUuid, CreateWorkflowFromTemplateRequest Body)
    : ICommand<WorkflowResponse>, IIdempotentCommand;

public sealed class CreateWorkflowFromTemplateHandler(
    IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, ITemplateCatalog catalog, IRowLocks locks, CurrentMember current, DomainCounters counters, AuditTrail audit)
    : ICommandHandler<CreateWorkflowFromTemplateCommand, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(CreateWorkflowFromTemplateCommand command, CancellationToken cancellationToken)
    {
        var template = await db.FindAsync(catalog, current.WorkspaceId, command.TemplateUuid, cancellationToken);
        // The new workflow is owned by the caller: lock their row, and answer as to a stranger if
        // they were removed since the request began.
        await locks.LockNamedAsync(current.WorkspaceId, [current.Member.Id], null, null, cancellationToken);
        if (!await db.Members.AnyAsync(m => m.Id == current.Member.Id, cancellationToken)) throw NotFoundException.Workspace();
        var workflow = Workflow.FromBlueprint(current.WorkspaceId, command.Body.Name!, command.Body.Description, template.Blueprint, current.Member);
        await db.EnsureAvailableAsync(current.WorkspaceId, workflow.Name, null, cancellationToken);
        var saved = await workflows.InsertAsync(workflow, cancellationToken);
        await history.RecordAsync(saved, current.Member, WorkflowChange.CreatedFromTemplate, cancellationToken,
            summary: $"Created from template '{template.Name}'", sourceUuid: template.Uuid);
        counters.Add(WorkflowsTelemetry.WorkflowsCreated);
        audit.Record(AuditActions.WorkflowCreatedFromTemplate, AuditTargetOf.Workflow(saved), saved.Version, new WorkflowFromTemplateDetails(command.TemplateUuid));
        return saved.ToResponse(current.Member);
    }
}

public sealed class CreateWorkflowFromTemplateValidator : AbstractValidator<CreateWorkflowFromTemplateCommand>
{
    public CreateWorkflowFromTemplateValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body with 'name' is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Name).WorkflowName();
            RuleFor(x => x.Body.Description).Description();
        });
    }
}
