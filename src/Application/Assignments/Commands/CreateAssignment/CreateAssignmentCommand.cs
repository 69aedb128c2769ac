using Workflows.Application.Workflows;
using Workflows.Domain.Assignments;

namespace Workflows.Application.Assignments.Commands.CreateAssignment;

public sealed record CreateAssignmentRequest
{
    public long? WorkflowId { get; init; }
    public string? Title { get; init; }
}

/// <summary>
/// Starts work through a workflow the caller can use; an archived workflow refuses (409
/// workflow_archived). The workflow's lock comes before its state is read, so that an archive or
/// a delete at the same moment either comes first (and refuses) or waits for the assignment.
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Use)]
[Transactional]
public sealed record CreateAssignmentCommand(Guid WorkspaceUuid, CreateAssignmentRequest Body)
    : ICommand<AssignmentResponse>, IWorkflowRequest, IIdempotentCommand
{
    WorkflowKey IWorkflowRequest.Workflow => Body.WorkflowId ?? 0;

    /// <summary>The workflow is named in the body, so naming none of this workspace's is a 400.</summary>
    Exception IWorkflowRequest.WorkflowNotFound() => UnknownWorkflow();

    internal static InvalidReferenceException UnknownWorkflow() =>
        new("workflowId", "'workflowId' must name a workflow of this workspace.");
}

public sealed class CreateAssignmentHandler(IApplicationDbContext db, IRowLocks locks, CurrentMember current, AuditTrail audit)
    : ICommandHandler<CreateAssignmentCommand, AssignmentResponse>
{
    public async ValueTask<AssignmentResponse> Handle(CreateAssignmentCommand command, CancellationToken cancellationToken)
    {
        if (!await locks.LockWorkflowAsync(current.WorkspaceId, command.Body.WorkflowId!.Value, cancellationToken))
            throw CreateAssignmentCommand.UnknownWorkflow();
        var workflow = await db.Workflows.AsNoTracking()
            .FirstOrDefaultAsync(w => w.Id == command.Body.WorkflowId && w.WorkspaceId == current.WorkspaceId, cancellationToken)
            ?? throw CreateAssignmentCommand.UnknownWorkflow();
        var assignment = Assignment.Start(workflow, command.Body.Title!, current.Member.Id);
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.AssignmentCreated, new AuditTarget(assignment.Id, assignment.Uuid, assignment.Title), details: new AssignmentDetails(workflow.Id, workflow.Uuid));
        return AssignmentResponse.From(assignment);
    }
}

public sealed class CreateAssignmentValidator : AbstractValidator<CreateAssignmentCommand>
{
    public CreateAssignmentValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.WorkflowId).NotNull().WithMessage("'workflowId' is required.").PositiveId("workflowId");
            RuleFor(x => x.Body.Title).RequiredSingleLine("title", Assignment.TitleMaxLength);
        });
    }
}
