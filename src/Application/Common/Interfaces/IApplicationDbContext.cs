using Workflows.Domain.Assignments;
using Workflows.Domain.Audit;
using Workflows.Domain.Resources;
using Workflows.Domain.Templates;
using Workflows.Domain.Workspaces;

namespace Workflows.Application.Common.Interfaces;

/// <summary>
/// The unit of work handlers talk to: they query it directly (there are no repositories) and save
/// what they changed. Transactions are the transaction behaviour's (<see cref="ITransactions"/>),
/// and writes over many rows are <see cref="IWorkflowStore"/>'s.
/// </summary>
public interface IApplicationDbContext
{
    DbSet<Workspace> Workspaces { get; }
    DbSet<Member> Members { get; }
    DbSet<Workflow> Workflows { get; }
    DbSet<WorkflowTask> Tasks { get; }
    DbSet<WorkflowVersion> WorkflowVersions { get; }
    DbSet<PhoneNumber> PhoneNumbers { get; }
    DbSet<Inbox> Inboxes { get; }
    DbSet<Assignment> Assignments { get; }
    DbSet<WorkspaceTemplate> WorkspaceTemplates { get; }
    DbSet<AuditEntry> AuditEntries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
