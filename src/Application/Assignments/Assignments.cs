using Workflows.Application.Common.Paging;
using Workflows.Application.Workflows;
using Workflows.Domain.Assignments;

namespace Workflows.Application.Assignments;

/// <summary>
/// A piece of work run through a workflow. <see cref="WorkflowId"/> is null once the workflow has
/// been deleted; <see cref="WorkflowUuid"/> and <see cref="WorkflowName"/> keep what it was.
/// </summary>
public sealed record AssignmentResponse(
    long Id, Guid Uuid, long? WorkflowId, Guid WorkflowUuid, string WorkflowName, string Title, long CreatedById, DateTime CreatedAt)
{
    public static AssignmentResponse From(Assignment a) =>
        new(a.Id, a.Uuid, a.WorkflowId, a.WorkflowUuid, a.WorkflowName, a.Title, a.CreatedById, a.CreatedAt);
}

public sealed record CreateAssignmentRequest
{
    public long? WorkflowId { get; init; }
    public string? Title { get; init; }
}

/// <summary>Starts work through a workflow the caller can use; an archived workflow refuses (409 workflow_archived).</summary>
[RequiresScope(Scope.Write)]
public sealed record CreateAssignmentCommand(Guid WorkspaceUuid, CreateAssignmentRequest Body)
    : ICommand<AssignmentResponse>, IWorkspaceRequest;

public sealed class CreateAssignmentHandler(IApplicationDbContext db, CurrentMember current)
    : ICommandHandler<CreateAssignmentCommand, AssignmentResponse>
{
    public async ValueTask<AssignmentResponse> Handle(CreateAssignmentCommand command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.AsNoTracking()
            .FirstOrDefaultAsync(w => w.Id == command.Body.WorkflowId && w.WorkspaceId == current.WorkspaceId, cancellationToken)
            ?? throw new InvalidReferenceException("workflowId", "'workflowId' must name a workflow of this workspace.");
        workflow.Demand(current.Member, WorkflowAccess.Use);
        var assignment = Assignment.Start(workflow, command.Body.Title!, current.Member.Id);
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
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
            RuleFor(x => x.Body.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'title' is required and must not be blank.")
                .MaximumLength(Assignment.TitleMaxLength).WithMessage($"'title' must be at most {Assignment.TitleMaxLength} characters.");
        });
    }
}

/// <summary>
/// The assignments the caller may see: those of workflows they can use, and, for members and
/// admins, those whose workflow has been deleted.
/// </summary>
[RequiresScope(Scope.Read)]
public sealed record ListAssignmentsQuery(Guid WorkspaceUuid, long? WorkflowId = null, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<AssignmentResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListAssignmentsHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListAssignmentsQuery, Page<AssignmentResponse>>
{
    public async ValueTask<Page<AssignmentResponse>> Handle(ListAssignmentsQuery query, CancellationToken cancellationToken)
    {
        var assignments = db.Assignments.AsNoTracking().Visible(db, current.Member);
        if (query.WorkflowId is { } workflowId) assignments = assignments.Where(a => a.WorkflowId == workflowId);
        var fingerprint = CursorCodec.Fingerprint("assignments", current.WorkspaceId, current.Member.Id, query.WorkflowId);
        return await assignments.PageByIdAsync(query, cursors, fingerprint, AssignmentResponse.From, cancellationToken);
    }
}

public sealed class ListAssignmentsValidator : AbstractValidator<ListAssignmentsQuery>
{
    public ListAssignmentsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.WorkflowId).PositiveId("workflowId");
    }
}

[RequiresScope(Scope.Read)]
public sealed record GetAssignmentQuery(Guid WorkspaceUuid, long AssignmentId) : IQuery<AssignmentResponse>, IWorkspaceRequest;

public sealed class GetAssignmentHandler(IApplicationDbContext db, CurrentMember current)
    : IQueryHandler<GetAssignmentQuery, AssignmentResponse>
{
    public async ValueTask<AssignmentResponse> Handle(GetAssignmentQuery query, CancellationToken cancellationToken) =>
        AssignmentResponse.From(
            await db.Assignments.AsNoTracking().Visible(db, current.Member)
                .FirstOrDefaultAsync(a => a.Id == query.AssignmentId, cancellationToken)
            ?? throw new NotFoundException("The assignment does not exist in this workspace, or you may not see it."));
}

internal static class AssignmentVisibility
{
    public static IQueryable<Assignment> Visible(this IQueryable<Assignment> assignments, IApplicationDbContext db, Member caller)
    {
        var workspaceId = caller.WorkspaceId;
        var seesOrphans = caller.Role != MemberRole.Guest;
        var usable = db.Workflows.Where(Workflow.AccessibleBy(caller, WorkflowAccess.Use)).Select(w => w.Id);
        return assignments.Where(a => a.WorkspaceId == workspaceId
            && (a.WorkflowId == null ? seesOrphans : usable.Contains(a.WorkflowId.Value)));
    }
}
