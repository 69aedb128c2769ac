using System.Reflection;

namespace Workflows.Application.Common.Audit;

/// <summary>One kind of change the audit log records: its stable name and the type of thing it changes.</summary>
public sealed record AuditAction(string Name, string TargetType)
{
    public override string ToString() => Name;
}

/// <summary>The kinds of thing an audit entry names as its target.</summary>
public static class AuditTargets
{
    public const string Workspace = "workspace";
    public const string Member = "member";
    public const string Workflow = "workflow";
    public const string Task = "task";
    public const string Template = "template";
    public const string PhoneNumber = "phone_number";
    public const string Inbox = "inbox";
    public const string Assignment = "assignment";
}

/// <summary>
/// Every action the audit log records, in one place: a new one is added here and recorded by its
/// command's handler (<see cref="AuditTrail.Record"/>); the contract and the README list them all.
/// </summary>
public static class AuditActions
{
    public static readonly AuditAction WorkspaceCreated = new("workspace.created", AuditTargets.Workspace);

    public static readonly AuditAction MemberAdded = new("member.added", AuditTargets.Member);
    public static readonly AuditAction MemberUpdated = new("member.updated", AuditTargets.Member);
    public static readonly AuditAction MemberRemoved = new("member.removed", AuditTargets.Member);

    public static readonly AuditAction WorkflowCreated = new("workflow.created", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowUpdated = new("workflow.updated", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowArchived = new("workflow.archived", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowUnarchived = new("workflow.unarchived", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowCloned = new("workflow.cloned", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowDeleted = new("workflow.deleted", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowCreatedFromTemplate = new("workflow.created_from_template", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowRestored = new("workflow.restored", AuditTargets.Workflow);
    public static readonly AuditAction WorkflowSavedAsTemplate = new("workflow.saved_as_template", AuditTargets.Template);

    public static readonly AuditAction TaskCreated = new("task.created", AuditTargets.Task);
    public static readonly AuditAction TaskUpdated = new("task.updated", AuditTargets.Task);
    public static readonly AuditAction TaskDeleted = new("task.deleted", AuditTargets.Task);

    public static readonly AuditAction PhoneNumberCreated = new("phone_number.created", AuditTargets.PhoneNumber);
    public static readonly AuditAction PhoneNumberDeleted = new("phone_number.deleted", AuditTargets.PhoneNumber);
    public static readonly AuditAction InboxCreated = new("inbox.created", AuditTargets.Inbox);
    public static readonly AuditAction InboxDeleted = new("inbox.deleted", AuditTargets.Inbox);

    public static readonly AuditAction AssignmentCreated = new("assignment.created", AuditTargets.Assignment);

    /// <summary>Every action, in declaration order.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(AuditAction))
        .Select(f => (AuditAction)f.GetValue(null)!)
        .ToList();

    /// <summary>Every target type an action names.</summary>
    public static IReadOnlyList<string> TargetTypes { get; } = All.Select(a => a.TargetType).Distinct().ToList();
}
