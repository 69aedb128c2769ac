using Riok.Mapperly.Abstractions;
using Workflows.Application.Tasks;

namespace Workflows.Application.Workflows;

/// <summary>Compile-time mappings between the workflow aggregate and its responses.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class WorkflowMapper
{
    public static WorkflowResponse ToResponse(this Workflow workflow, Member caller) =>
        workflow.ToResponse(PermissionsResponse.For(workflow.AccessFor(caller)));

    [MapProperty(nameof(Workflow.IsArchived), nameof(WorkflowResponse.Archived))]
    [MapProperty(nameof(Workflow.Version), nameof(WorkflowResponse.ETag), Use = nameof(VersionToETag))]
    private static partial WorkflowResponse ToResponse(this Workflow workflow, PermissionsResponse permissions);

    [MapProperty(nameof(WorkflowTask.Version), nameof(TaskResponse.ETag), Use = nameof(VersionToETag))]
    public static partial TaskResponse ToResponse(this WorkflowTask task);

    public static partial AbilityDto ToDto(this Ability ability);
    public static partial EventRuleDto ToDto(this EventRule rule);
    public static partial RoleAccessDto ToDto(this RoleAccess access);

    public static partial Ability ToDomain(this AbilityDto ability);
    public static partial EventRule ToDomain(this EventRuleDto rule);
    public static RoleAccess ToDomain(this RoleAccessDto access) => new(access.Role, access.Access);

    [UserMapping(Default = false)]
    private static string VersionToETag(long version) => ETag.For(version);
}
