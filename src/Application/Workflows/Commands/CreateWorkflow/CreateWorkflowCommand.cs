using Workflows.Application.Common.Telemetry;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Workflows.Commands.CreateWorkflow;

/// <summary>The body of <c>POST /workflows</c>. The caller becomes the owner.</summary>
public sealed record CreateWorkflowRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Prompt { get; init; }
    public long? AgentId { get; init; }
    public long? DefaultPhoneNumberId { get; init; }
    public long? DefaultInboxId { get; init; }
    public double? PosX { get; init; }
    public double? PosY { get; init; }
    public IReadOnlyList<AbilityDto>? Abilities { get; init; }
    public IReadOnlyList<EventRuleDto>? EventRules { get; init; }
    public IReadOnlyList<RoleAccessDto>? MemberRoleAccess { get; init; }
}

/// <summary>
/// Creates a workflow owned by the caller. The caller, the agent, the phone number and the inbox
/// it names are locked before they are checked, so that none of them is removed before it lands.
/// </summary>
[RequiresScope(Scope.Write)]
[Transactional]
public sealed record CreateWorkflowCommand(Guid WorkspaceUuid, CreateWorkflowRequest Body)
    : ICommand<WorkflowResponse>, IIdempotentCommand;

public sealed class CreateWorkflowHandler(IApplicationDbContext db, IWorkflowHistory history, IRowLocks locks, CurrentMember current, DomainCounters counters, AuditTrail audit)
    : ICommandHandler<CreateWorkflowCommand, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(CreateWorkflowCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var caller = current.Member;
        await locks.LockNamedAsync(current.WorkspaceId, [caller.Id, body.AgentId], body.DefaultPhoneNumberId, body.DefaultInboxId, cancellationToken);
        // The owner-to-be was a member when the request began; removed since, they are a stranger now.
        if (!await db.Members.AnyAsync(m => m.Id == caller.Id, cancellationToken)) throw NotFoundException.Workspace();
        var workflow = Workflow.Create(current.WorkspaceId, body.Name!, caller);
        await db.EnsureAvailableAsync(current.WorkspaceId, workflow.Name, null, cancellationToken);

        workflow.ChangeDescription(body.Description);
        workflow.ChangePrompt(body.Prompt);
        workflow.MoveTo(body.PosX, body.PosY);
        if (body.AgentId is { } agentId)
            workflow.AssignAgent(await db.MemberAsync(current.WorkspaceId, agentId, "agentId", cancellationToken));
        await db.PhoneNumbers.EnsureInWorkspaceAsync(current.WorkspaceId, body.DefaultPhoneNumberId, "defaultPhoneNumberId", "a phone number", cancellationToken);
        workflow.SetDefaultPhoneNumber(body.DefaultPhoneNumberId);
        await db.Inboxes.EnsureInWorkspaceAsync(current.WorkspaceId, body.DefaultInboxId, "defaultInboxId", "an inbox", cancellationToken);
        workflow.SetDefaultInbox(body.DefaultInboxId);
        workflow.ReplaceAbilities((body.Abilities ?? []).Select(a => a.ToDomain()));
        workflow.ReplaceEventRules((body.EventRules ?? []).Select(r => r.ToDomain()));
        workflow.ReplaceMemberRoleAccess((body.MemberRoleAccess ?? []).Select(a => a.ToDomain()));

        db.Workflows.Add(workflow);
        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(workflow, caller, WorkflowChange.Created, cancellationToken, summary: "Created");
        counters.Add(WorkflowsTelemetry.WorkflowsCreated);
        audit.Record(AuditActions.WorkflowCreated, AuditTargetOf.Workflow(workflow), workflow.Version);
        return workflow.ToResponse(caller);
    }
}

public sealed class CreateWorkflowValidator : AbstractValidator<CreateWorkflowCommand>
{
    public CreateWorkflowValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body.Name).WorkflowName();
            RuleFor(x => x.Body.Description).Description();
            RuleFor(x => x.Body.Prompt).Prompt();
            RuleFor(x => x.Body.AgentId).PositiveId("agentId");
            RuleFor(x => x.Body.DefaultPhoneNumberId).PositiveId("defaultPhoneNumberId");
            RuleFor(x => x.Body.DefaultInboxId).PositiveId("defaultInboxId");
            RuleFor(x => x.Body.PosX).Coordinate("posX");
            RuleFor(x => x.Body.PosY).Coordinate("posY");
            RuleFor(x => x.Body.Abilities).Abilities();
            RuleFor(x => x.Body.EventRules).EventRules();
            RuleFor(x => x.Body.MemberRoleAccess).MemberRoleAccess();
        });
    }
}
