using Microsoft.EntityFrameworkCore.Infrastructure;
using Workflows.Domain.Assignments;
using Workflows.Domain.Resources;
using Workflows.Domain.Templates;
using Workflows.Domain.Workspaces;

namespace Workflows.Application.Common.Interfaces;

/// <summary>The unit of work handlers talk to. Handlers query it directly; there are no repositories.</summary>
public interface IApplicationDbContext
{
    DbSet<Workspace> Workspaces { get; }
    DbSet<Member> Members { get; }
    DbSet<Workflow> Workflows { get; }
    DbSet<WorkflowTask> Tasks { get; }
    DbSet<TaskTransition> TaskTransitions { get; }
    DbSet<PhoneNumber> PhoneNumbers { get; }
    DbSet<Inbox> Inboxes { get; }
    DbSet<Assignment> Assignments { get; }
    DbSet<WorkspaceTemplate> WorkspaceTemplates { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
