using Workflows.Domain.Common;

namespace Workflows.Domain.Members;

public sealed class LastAdminException() : ConflictException(ErrorCodes.LastAdmin, "A workspace needs at least one admin: make someone else admin first.");

public sealed class MemberOwnsWorkflowsException(int count) : ConflictException(ErrorCodes.MemberOwnsWorkflows,
    $"The member owns {count} workflow(s). Pass transferTo=<member id> to hand them to another member.");

public sealed class MemberExistsException() : ConflictException(ErrorCodes.MemberExists, "A member with this 'objectId' already belongs to the workspace.");
