using Workflows.Domain.Common;
using Workflows.Domain.Workflows;

namespace Workflows.Domain.Assignments;

/// <summary>
/// A piece of work run through a workflow. It outlives the workflow: when the workflow is
/// deleted the link is cleared, and the name and uuid it had are kept as a snapshot.
/// </summary>
public sealed class Assignment : IEntity
{
    public const int TitleMaxLength = 200;

    private Assignment() { }

    public long Id { get; private set; }
    public Guid Uuid { get; private set; }
    public long WorkspaceId { get; private set; }
    public long? WorkflowId { get; private set; }
    public Guid WorkflowUuid { get; private set; }
    public string WorkflowName { get; private set; } = null!;
    public string Title { get; private set; } = null!;
    public long CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static Assignment Start(Workflow workflow, string title, long createdById)
    {
        workflow.EnsureCanTakeAssignments();
        return new Assignment
        {
            Uuid = Guid.NewGuid(),
            WorkspaceId = workflow.WorkspaceId,
            WorkflowId = workflow.Id,
            WorkflowUuid = workflow.Uuid,
            WorkflowName = workflow.Name,
            Title = Guard.Text(title, "title", TitleMaxLength),
            CreatedById = createdById,
        };
    }
}
