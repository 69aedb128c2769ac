namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// Where the versions of workflows are kept (see <see cref="Workflows.History.WorkflowHistory"/>
/// for how handlers record them).
/// </summary>
public interface IWorkflowHistory
{
    /// <summary>
    /// Saves <paramref name="version"/> in the request's transaction (one insert) and drops the
    /// workflow's versions beyond the configured retention (one delete, only when there are any).
    /// </summary>
    Task AddAsync(WorkflowVersion version, CancellationToken cancellationToken);
}
