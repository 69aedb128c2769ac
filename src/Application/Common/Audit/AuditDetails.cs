namespace Workflows.Application.Common.Audit;

// The details of the actions that carry some: each action has one shape (the README lists them).

/// <summary><c>workflow.deleted</c>: how many tasks went with it (0 without cascade).</summary>
public sealed record WorkflowDeletedDetails(int DeletedTaskCount);

/// <summary><c>workflow.cloned</c>: the workflow it copies.</summary>
public sealed record WorkflowClonedDetails(long SourceWorkflowId, Guid SourceWorkflowUuid);

/// <summary><c>workflow.created_from_template</c>: the template it was made from.</summary>
public sealed record WorkflowFromTemplateDetails(Guid TemplateUuid);

/// <summary><c>workflow.restored</c>: the version it was made again (the new one is the entry's <c>workflowVersion</c>).</summary>
public sealed record WorkflowRestoredDetails(long RestoredVersion);

/// <summary><c>workflow.saved_as_template</c>: the workflow the template copies.</summary>
public sealed record WorkflowSavedAsTemplateDetails(long WorkflowId, Guid WorkflowUuid);

/// <summary>A value before and after a change.</summary>
public sealed record Change<T>(T From, T To);

/// <summary><c>member.added</c> and <c>member.removed</c>: the member's role (and on removal where their workflows went).</summary>
public sealed record MemberAuditDetails(MemberRole Role, long? TransferredTo = null);

/// <summary><c>member.updated</c>: what changed (a field left out did not).</summary>
public sealed record MemberUpdatedDetails(Change<MemberRole>? Role, Change<string>? DisplayName);

/// <summary><c>task.*</c>: the workflow the task belongs to.</summary>
public sealed record TaskAuditDetails(long WorkflowId, Guid WorkflowUuid);

/// <summary><c>assignment.created</c>: the workflow it runs through.</summary>
public sealed record AssignmentDetails(long WorkflowId, Guid WorkflowUuid);
