using Workflows.Application.Workflows.History;
using Workflows.Application.Workflows.Queries.GetWorkflowVersion;

namespace Workflows.Application.Workflows.Commands.RestoreWorkflowVersion;

/// <summary>
/// Makes the workflow's settings, tasks and transitions what they were at <paramref name="Version"/>,
/// through the aggregate (its rules hold as for any change), and records that as a new version.
/// Tasks still here keep their ids; tasks gone since come back with new ones. Archived or not stays
/// as it is. The owner and the role access are restored only for a caller with admin authority
/// (judged before the request); for anyone else they stay as they are, and the summary says so.
/// </summary>
[RequiresScope(Scope.Write)]
[RequiresAuthority(WorkflowAccess.Edit)]
[Transactional]
public sealed record RestoreWorkflowVersionCommand(Guid WorkspaceUuid, WorkflowKey WorkflowId, long Version, string? IfMatch = null)
    : ICommand<WorkflowResponse>, IWorkflowRequest, IIdempotentCommand
{
    WorkflowKey IWorkflowRequest.Workflow => WorkflowId;
}

public sealed class RestoreWorkflowVersionHandler(
    IApplicationDbContext db, IWorkflowStore workflows, IWorkflowHistory history, IRowLocks locks, CurrentMember current, CurrentWorkflow target, AuditTrail audit)
    : ICommandHandler<RestoreWorkflowVersionCommand, WorkflowResponse>
{
    public async ValueTask<WorkflowResponse> Handle(RestoreWorkflowVersionCommand command, CancellationToken cancellationToken)
    {
        var (caller, workspaceId) = (current.Member, current.WorkspaceId);
        var old = WorkflowSnapshots.Read(
            await db.SnapshotAsync(target.Id, command.Version, cancellationToken), PermissionsResponse.For(target.Access));
        var admin = target.Access >= WorkflowAccess.Admin;

        await locks.LockNamedAsync(workspaceId, [admin ? old.OwnerId : null, old.AgentId], old.DefaultPhoneNumberId, old.DefaultInboxId, cancellationToken);
        var workflow = await workflows.GetWithTasksAsync(workspaceId, target.Id, forUpdate: true, cancellationToken);
        ETag.EnsureMatches(command.IfMatch, workflow.ETagFor(caller));
        var before = workflow.Version;

        // Only what differs is looked up again: a reference the workflow holds now is valid already.
        if (old.Name != workflow.Name)
        {
            await db.EnsureAvailableAsync(workspaceId, old.Name, workflow.Id, cancellationToken);
            workflow.Rename(old.Name);
        }
        workflow.ChangeDescription(old.Description);
        workflow.ChangePrompt(old.Prompt);
        workflow.MoveTo(old.PosX, old.PosY);
        if (old.AgentId != workflow.AgentId)
            workflow.AssignAgent(old.AgentId is { } agentId ? await db.MemberAsync(workspaceId, agentId, "agentId", cancellationToken) : null);
        if (old.DefaultPhoneNumberId != workflow.DefaultPhoneNumberId)
        {
            await db.PhoneNumbers.EnsureInWorkspaceAsync(workspaceId, old.DefaultPhoneNumberId, "defaultPhoneNumberId", "a phone number", cancellationToken);
            workflow.SetDefaultPhoneNumber(old.DefaultPhoneNumberId);
        }
        if (old.DefaultInboxId != workflow.DefaultInboxId)
        {
            await db.Inboxes.EnsureInWorkspaceAsync(workspaceId, old.DefaultInboxId, "defaultInboxId", "an inbox", cancellationToken);
            workflow.SetDefaultInbox(old.DefaultInboxId);
        }
        workflow.ReplaceAbilities(old.Abilities.Select(a => a.ToDomain()));
        workflow.ReplaceEventRules(old.EventRules.Select(r => r.ToDomain()));

        var oldAccess = old.MemberRoleAccess.Select(a => a.ToDomain()).ToList();
        var authorityDiffers = old.OwnerId != workflow.OwnerId || !workflow.AccessPolicy.HasSameEntries(oldAccess);
        if (admin && authorityDiffers)
        {
            if (old.OwnerId != workflow.OwnerId)
                workflow.TransferOwnership(await db.MemberAsync(workspaceId, old.OwnerId, "ownerId", cancellationToken));
            workflow.ReplaceMemberRoleAccess(oldAccess);
        }
        var keptAuthority = authorityDiffers && !admin;

        workflow.ReplaceTaskGraph(WorkflowSnapshots.TasksOf(old));

        await db.SaveChangesAsync(cancellationToken);
        var summary = $"Restored version {command.Version}" + (keptAuthority ? " (owner and role access left as they were: restoring them needs admin)" : "");
        await history.RecordAsync(workflow, caller, WorkflowChange.Restored, cancellationToken, summary: summary, restoredVersion: command.Version);
        // A restore that finds the workflow as it was at that version changed nothing, and the log says nothing.
        if (workflow.Version == before) audit.Unchanged();
        else audit.Record(AuditActions.WorkflowRestored, AuditTargetOf.Workflow(workflow), workflow.Version, new WorkflowRestoredDetails(command.Version));
        return workflow.ToResponse(caller);
    }
}
