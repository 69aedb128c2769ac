using System.ComponentModel;
using Workflows.Application.Tasks;
using Workflows.Application.Workflows.History;

namespace Workflows.Application.Workflows.Commands.UpdateWorkflow;

/// <summary>
/// The body of <c>PUT /workflows/{id}</c>. Every field is optional: a field left out stays as it
/// is, a field sent as <c>null</c> is cleared. The read-only members of the GET body are accepted
/// and ignored, so that a GET body can be sent back as it is; any other member is refused.
/// </summary>
public sealed record UpdateWorkflowRequest
{
    public Optional<string?> Name { get; init; }
    public Optional<string?> Description { get; init; }
    public Optional<string?> Prompt { get; init; }
    public Optional<long?> OwnerId { get; init; }
    public Optional<long?> AgentId { get; init; }
    public Optional<long?> StartTaskId { get; init; }
    public Optional<long?> DefaultPhoneNumberId { get; init; }
    public Optional<long?> DefaultInboxId { get; init; }
    public Optional<double?> PosX { get; init; }
    public Optional<double?> PosY { get; init; }
    public Optional<IReadOnlyList<AbilityDto>?> Abilities { get; init; }
    public Optional<IReadOnlyList<EventRuleDto>?> EventRules { get; init; }
    public Optional<IReadOnlyList<RoleAccessDto>?> MemberRoleAccess { get; init; }

    [ReadOnly(true)] public long? Id { get; init; }
    [ReadOnly(true)] public Guid? Uuid { get; init; }
    [ReadOnly(true)] public bool? Archived { get; init; }
    [ReadOnly(true)] public IReadOnlyList<TaskResponse>? Tasks { get; init; }
    [ReadOnly(true)] public PermissionsResponse? Permissions { get; init; }
    [ReadOnly(true)] public DateTime? CreatedAt { get; init; }
    [ReadOnly(true)] public DateTime? UpdatedAt { get; init; }
}

/// <summary>
/// Needs edit authority, and admin authority to change who owns the workflow or who else may use
/// it: both decided on the workflow as it was before the request, so that an owner who hands the
/// workflow on and changes its access in one request keeps the authority to do both. The members,
/// phone number and inbox it names are locked before they are checked, so that none of them is
/// removed before the workflow names it; the workflow itself is guarded by its version.
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record UpdateWorkflowCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, UpdateWorkflowRequest Body, string? IfMatch = null)
    : ICommand<WorkflowResponse>, IRaisesAuthority
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;

    /// <summary>Admin authority for a new owner or a changed access policy; sending them back unchanged needs none.</summary>
    public WorkflowAccess AuthorityNeeded(WorkflowAccessPolicy before)
    {
        var changesOwner = Body.OwnerId.HasValue && Body.OwnerId.Value != before.OwnerId;
        var changesAccess = Body.MemberRoleAccess.HasValue
            && !before.HasSameEntries([.. (Body.MemberRoleAccess.Value ?? []).Select(a => a.ToDomain())]);
        return changesOwner || changesAccess ? WorkflowAccess.Admin : WorkflowAccess.Edit;
    }
}

public sealed class UpdateWorkflowHandler(IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, AuditTrail audit)
    : ICommandHandler<UpdateWorkflowCommand, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(UpdateWorkflowCommand command, CancellationToken cancellationToken)
    {
        var (body, caller, workspaceId) = (command.Body, current.Member, current.WorkspaceId);
        await locks.LockNamedAsync(workspaceId, [body.OwnerId.Or(null), body.AgentId.Or(null)],
            body.DefaultPhoneNumberId.Or(null), body.DefaultInboxId.Or(null), cancellationToken);
        var workflow = await workflows.GetWithTasksAsync(workspaceId, target.Id, forUpdate: true, cancellationToken);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(caller));
        var before = workflow.Version;

        if (body.Name.HasValue)
        {
            await db.EnsureAvailableAsync(workspaceId, body.Name.Value!, workflow.Id, cancellationToken);
            workflow.Rename(body.Name.Value!);
        }
        if (body.Description.HasValue) workflow.ChangeDescription(body.Description.Value);
        if (body.Prompt.HasValue) workflow.ChangePrompt(body.Prompt.Value);
        if (body.OwnerId.HasValue)
            workflow.TransferOwnership(await db.MemberAsync(workspaceId, body.OwnerId.Value!.Value, "ownerId", cancellationToken));
        if (body.AgentId.HasValue)
        {
            var agent = body.AgentId.Value is { } agentId ? await db.MemberAsync(workspaceId, agentId, "agentId", cancellationToken) : null;
            workflow.AssignAgent(agent);
        }
        if (body.StartTaskId.HasValue) workflow.SetStartTask(body.StartTaskId.Value);
        if (body.DefaultPhoneNumberId.HasValue)
        {
            await db.PhoneNumbers.EnsureInWorkspaceAsync(workspaceId, body.DefaultPhoneNumberId.Value, "defaultPhoneNumberId", "a phone number", cancellationToken);
            workflow.SetDefaultPhoneNumber(body.DefaultPhoneNumberId.Value);
        }
        if (body.DefaultInboxId.HasValue)
        {
            await db.Inboxes.EnsureInWorkspaceAsync(workspaceId, body.DefaultInboxId.Value, "defaultInboxId", "an inbox", cancellationToken);
            workflow.SetDefaultInbox(body.DefaultInboxId.Value);
        }
        if (body.PosX.HasValue || body.PosY.HasValue)
            workflow.MoveTo(body.PosX.Or(workflow.PosX), body.PosY.Or(workflow.PosY));
        if (body.Abilities.HasValue) workflow.ReplaceAbilities((body.Abilities.Value ?? []).Select(a => a.ToDomain()));
        if (body.EventRules.HasValue) workflow.ReplaceEventRules((body.EventRules.Value ?? []).Select(r => r.ToDomain()));
        if (body.MemberRoleAccess.HasValue)
            workflow.ReplaceMemberRoleAccess((body.MemberRoleAccess.Value ?? []).Select(a => a.ToDomain()));

        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(workflow, caller, WorkflowChange.Updated, cancellationToken);
        // A body that changes nothing (a GET sent back as it was) makes no version and no entry.
        if (workflow.Version == before) audit.Unchanged();
        else audit.Record(AuditActions.WorkflowUpdated, AuditTargetOf.Workflow(workflow), workflow.Version);
        return workflow.ToResponse(caller);
    }
}

public sealed class UpdateWorkflowValidator : AbstractValidator<UpdateWorkflowCommand>
{
    public UpdateWorkflowValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage("A JSON body is required.");
        When(x => x.Body is not null, () =>
        {
            When(x => x.Body.Name.HasValue, () => RuleFor(x => x.Body.Name.Value).WorkflowName());
            When(x => x.Body.Description.HasValue, () => RuleFor(x => x.Body.Description.Value).Description());
            When(x => x.Body.Prompt.HasValue, () => RuleFor(x => x.Body.Prompt.Value).Prompt());
            When(x => x.Body.OwnerId.HasValue, () => RuleFor(x => x.Body.OwnerId.Value)
                .NotNull().WithMessage("'ownerId' cannot be cleared: a workflow always has an owner.")
                .PositiveId("ownerId"));
            When(x => x.Body.AgentId.HasValue, () => RuleFor(x => x.Body.AgentId.Value).PositiveId("agentId"));
            When(x => x.Body.StartTaskId.HasValue, () => RuleFor(x => x.Body.StartTaskId.Value).PositiveId("startTaskId"));
            When(x => x.Body.DefaultPhoneNumberId.HasValue, () => RuleFor(x => x.Body.DefaultPhoneNumberId.Value).PositiveId("defaultPhoneNumberId"));
            When(x => x.Body.DefaultInboxId.HasValue, () => RuleFor(x => x.Body.DefaultInboxId.Value).PositiveId("defaultInboxId"));
            When(x => x.Body.PosX.HasValue, () => RuleFor(x => x.Body.PosX.Value).Coordinate("posX"));
            When(x => x.Body.PosY.HasValue, () => RuleFor(x => x.Body.PosY.Value).Coordinate("posY"));
            When(x => x.Body.Abilities.HasValue, () => RuleFor(x => x.Body.Abilities.Value).Abilities());
            When(x => x.Body.EventRules.HasValue, () => RuleFor(x => x.Body.EventRules.Value).EventRules());
            When(x => x.Body.MemberRoleAccess.HasValue, () => RuleFor(x => x.Body.MemberRoleAccess.Value).MemberRoleAccess());
        });
    }
}
