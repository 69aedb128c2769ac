namespace Workflows.Domain.Common;

/// <summary>Something with a database-assigned integer id (unique across the service for its kind).</summary>
public interface IEntity
{
    long Id { get; }
}

/// <summary>Something that belongs to one workspace, and is looked up only inside it.</summary>
public interface IWorkspaceOwned : IEntity
{
    long WorkspaceId { get; }
}
