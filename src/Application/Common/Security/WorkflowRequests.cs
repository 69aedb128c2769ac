namespace Workflows.Application.Common.Security;

/// <summary>
/// A request that touches one workflow of its workspace. It declares the authority it needs with
/// <see cref="RequiresAuthorityAttribute"/>; the workflow authority behaviour checks it on the
/// workflow as it is before the request, before the handler runs.
/// </summary>
public interface IWorkflowRequest : IWorkspaceRequest
{
    /// <summary>The workflow the request touches.</summary>
    WorkflowKey Workflow { get; }

    /// <summary>What to answer when the workflow does not exist in the workspace (404 unless the request says otherwise).</summary>
    Exception WorkflowNotFound() => NotFoundException.Workflow();
}

/// <summary>
/// A workflow request whose authority depends on what it changes: besides its
/// <see cref="RequiresAuthorityAttribute"/> level, it needs what <see cref="AuthorityNeeded"/>
/// says, decided on the workflow's access policy before the request (e.g. admin authority to
/// change the owner or the role-access entries, none extra to send them back unchanged).
/// </summary>
public interface IRaisesAuthority : IWorkflowRequest
{
    WorkflowAccess AuthorityNeeded(WorkflowAccessPolicy before);
}

/// <summary>The authority (on the workflow it touches) a workflow request needs: use, edit, delete or admin.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresAuthorityAttribute(WorkflowAccess access) : Attribute
{
    public WorkflowAccess Access { get; } = access;
}

/// <summary>
/// A list whose rows are filtered by the caller's authority on each workflow (the same rule as
/// <see cref="WorkflowAccessPolicy.AccessibleBy"/>), rather than checked on one workflow up front.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FiltersByAuthorityAttribute : Attribute;

/// <summary>A workflow named by its integer id or by its uuid.</summary>
public readonly record struct WorkflowKey(long? Id, Guid? Uuid)
{
    public static implicit operator WorkflowKey(long id) => new(id, null);

    /// <summary>The integer id or the uuid, as <c>GET /workflows/{workflow_id}</c> takes it; anything else names no workflow.</summary>
    public static WorkflowKey Parse(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? new(id, null)
            : Guid.TryParse(value, out var uuid) ? new(null, uuid) : new(null, null);

    public override string ToString() => Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Uuid?.ToString() ?? "";
}

/// <summary>
/// The workflow a workflow request touches, as the authority behaviour found it before the
/// handler ran: its id (also when the request named it by uuid), its access policy and the
/// caller's authority on it.
/// </summary>
public sealed class CurrentWorkflow
{
    private WorkflowAccessPolicy? _policy;

    public long Id { get; private set; }

    public WorkflowAccessPolicy Policy => _policy
        ?? throw new InvalidOperationException("The workflow's authority was not resolved: the request is not an IWorkflowRequest.");

    public WorkflowAccess Access { get; private set; }

    internal void Set(long id, WorkflowAccessPolicy policy, WorkflowAccess access)
    {
        Id = id;
        _policy = policy;
        Access = access;
    }
}
