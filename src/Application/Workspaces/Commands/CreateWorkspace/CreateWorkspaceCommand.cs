using Workflows.Application.Workflows;
using Workflows.Domain.Workspaces;

namespace Workflows.Application.Workspaces.Commands.CreateWorkspace;

public sealed record CreateWorkspaceRequest
{
    public string? Name { get; init; }
}

/// <summary>Any authenticated caller may create a workspace; they become its first admin.</summary>
[RequiresScope(Scope.Write)]
[Transactional]
public sealed record CreateWorkspaceCommand(CreateWorkspaceRequest Body) : ICommand<WorkspaceResponse>;

public sealed class CreateWorkspaceHandler(IApplicationDbContext db, ICurrentUser user, AuditTrail audit)
    : ICommandHandler<CreateWorkspaceCommand, WorkspaceResponse>
{
    public async ValueTask<WorkspaceResponse> Handle(CreateWorkspaceCommand command, CancellationToken cancellationToken)
    {
        var objectId = user.ObjectId ?? throw new UnauthenticatedException();
        var workspace = Workspace.Create(command.Body.Name!);
        var founder = workspace.AddFounder(
            user.IsApplication ? MemberKind.Daemon : MemberKind.Person,
            string.IsNullOrWhiteSpace(user.DisplayName) ? objectId : user.DisplayName,
            objectId);
        db.Workspaces.Add(workspace);
        db.Members.Add(founder);
        await db.SaveChangesAsync(cancellationToken);
        audit.RecordAs(founder, AuditActions.WorkspaceCreated, new AuditTarget(workspace.Id, workspace.Uuid, workspace.Name));
        return workspace.ToResponse(founder.Role);
    }
}

public sealed class CreateWorkspaceValidator : AbstractValidator<CreateWorkspaceCommand>
{
    public CreateWorkspaceValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body with 'name' is required.");
        When(x => x.Body is not null, () => RuleFor(x => x.Body.Name).WorkflowName());
    }
}
