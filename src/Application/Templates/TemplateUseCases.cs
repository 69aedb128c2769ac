using Workflows.Application.Workflows;
using Workflows.Domain.Templates;

namespace Workflows.Application.Templates;

/// <summary>The built-in templates and the workspace's own, built-in first.</summary>
[RequiresScope(Scope.Read)]
public sealed record ListTemplatesQuery(Guid WorkspaceUuid) : IQuery<IReadOnlyList<TemplateSummaryResponse>>, IWorkspaceRequest;

public sealed class ListTemplatesHandler(IApplicationDbContext db, ITemplateCatalog catalog, CurrentMember current)
    : IQueryHandler<ListTemplatesQuery, IReadOnlyList<TemplateSummaryResponse>>
{
    public async ValueTask<IReadOnlyList<TemplateSummaryResponse>> Handle(ListTemplatesQuery query, CancellationToken cancellationToken)
    {
        var own = await db.WorkspaceTemplates.AsNoTracking()
            .Where(t => t.WorkspaceId == current.WorkspaceId)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return catalog.BuiltIn.Concat(own.Select(t => t.ToTemplate()))
            .Select(t => new TemplateSummaryResponse(t.Uuid, t.Name, t.Description, t.Source, t.Blueprint.Tasks.Count))
            .ToList();
    }
}

[RequiresScope(Scope.Read)]
public sealed record GetTemplateQuery(Guid WorkspaceUuid, Guid TemplateUuid) : IQuery<TemplateResponse>, IWorkspaceRequest;

public sealed class GetTemplateHandler(IApplicationDbContext db, ITemplateCatalog catalog, CurrentMember current)
    : IQueryHandler<GetTemplateQuery, TemplateResponse>
{
    public async ValueTask<TemplateResponse> Handle(GetTemplateQuery query, CancellationToken cancellationToken) =>
        TemplateResponse.From(await db.FindAsync(catalog, current.WorkspaceId, query.TemplateUuid, cancellationToken));
}

public sealed record CreateWorkflowFromTemplateRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
}

/// <summary>A new workflow with the template's settings, tasks, transitions and start task; the caller owns it.</summary>
[RequiresScope(Scope.Write)]
public sealed record CreateWorkflowFromTemplateCommand(Guid WorkspaceUuid, Guid TemplateUuid, CreateWorkflowFromTemplateRequest Body)
    : ICommand<WorkflowResponse>, IWorkspaceRequest;

public sealed class CreateWorkflowFromTemplateHandler(IApplicationDbContext db, ITemplateCatalog catalog, CurrentMember current)
    : ICommandHandler<CreateWorkflowFromTemplateCommand, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(CreateWorkflowFromTemplateCommand command, CancellationToken cancellationToken)
    {
        var template = await db.FindAsync(catalog, current.WorkspaceId, command.TemplateUuid, cancellationToken);
        var workflow = Workflow.FromBlueprint(current.WorkspaceId, command.Body.Name!, command.Body.Description, template.Blueprint, current.Member);
        await db.EnsureAvailableAsync(current.WorkspaceId, workflow.Name, null, cancellationToken);
        db.Workflows.Add(workflow);
        await db.SaveChangesAsync(cancellationToken);
        return workflow.ToResponse(current.Member);
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

public sealed record SaveAsTemplateRequest
{
    /// <summary>The template's name; the workflow's when left out.</summary>
    public string? Name { get; init; }
    public string? Description { get; init; }
}

/// <summary>Saves a workflow (settings, tasks, transitions) as a template of its workspace. Needs edit authority.</summary>
[RequiresScope(Scope.Write)]
public sealed record SaveWorkflowAsTemplateCommand(Guid WorkspaceUuid, long WorkflowId, SaveAsTemplateRequest? Body)
    : ICommand<TemplateResponse>, IWorkspaceRequest;

public sealed class SaveWorkflowAsTemplateHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<SaveWorkflowAsTemplateCommand, TemplateResponse>
{
    public async ValueTask<TemplateResponse> Handle(SaveWorkflowAsTemplateCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.AsNoTracking().WithTasks()
            .GetInWorkspaceAsync(current.WorkspaceId, command.WorkflowId, cancellationToken);
        workflow.Demand(current.Member, WorkflowAccess.Edit);
        var template = WorkspaceTemplate.SaveFrom(workflow, command.Body?.Name, command.Body?.Description, current.Member.Id);
        db.WorkspaceTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
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
