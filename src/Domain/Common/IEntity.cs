namespace Workflows.Domain.Common;

/// <summary>Something with a database-assigned integer id (unique across the service for its kind).</summary>
public interface IEntity
{
    long Id { get; }
}
