using Workflows.Domain.Workflows;

namespace Workflows.Domain.Templates;

/// <summary>
/// How big a template and how many of them a workspace may have: a template is read whole when a
/// workflow is made from it, so its size is bounded like a request body, and a workspace's list of
/// templates is bounded like its other resources.
/// </summary>
public static class TemplateLimits
{
    /// <summary>The tasks of one template: as many as a workflow may have.</summary>
    public const int MaxTasks = WorkflowLimits.MaxTasks;

    /// <summary>The blueprint (settings, tasks, transitions) as UTF-8 JSON: 1 MiB, the limit of a request body.</summary>
    public const int MaxBlueprintBytes = 1024 * 1024;

    /// <summary>The templates one workspace may save (the built-in catalogue does not count).</summary>
    public const int MaxPerWorkspace = 500;
}
