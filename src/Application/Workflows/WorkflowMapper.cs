using Riok.Mapperly.Abstractions;
using Workflows.Application.Tasks;

namespace Workflows.Application.Workflows;

/// <summary>Compile-time mappings between the workflow aggregate and its responses.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class WorkflowMapper
{
    public static WorkflowResponse ToResponse(this Workflow workflow, Member caller)
    {
        var access = workflow.AccessFor(caller);
        return workflow.ToResponse(PermissionsResponse.For(access), ETag.ForWorkflow(workflow.Version, access));
    }

    /// <summary>The workflow's ETag as <paramref name="caller"/> sees it (what If-Match is compared with).</summary>
    public static string ETagFor(this Workflow workflow, Member caller) =>
        ETag.ForWorkflow(workflow.Version, workflow.AccessFor(caller));

    [MapProperty(nameof(Workflow.IsArchived), nameof(WorkflowResponse.Archived))]
    private static partial WorkflowResponse ToResponse(this Workflow workflow, PermissionsResponse permissions, string eTag);

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
