namespace Workflows.Domain.Workflows;

/// <summary>Authority on one workflow. Each level includes the ones before it.</summary>
public enum WorkflowAccess
{
    None = 0,
    Use = 1,
    Edit = 2,
    Delete = 3,
    Admin = 4,
}
