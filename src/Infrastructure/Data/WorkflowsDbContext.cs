using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workflows.Application.Common.Exceptions;
using Workflows.Application.Common.Interfaces;
using Workflows.Domain.Assignments;
using Workflows.Domain.Audit;
using Workflows.Domain.Members;
using Workflows.Domain.Resources;
using Workflows.Domain.Templates;
using Workflows.Domain.Workflows;
using Workflows.Domain.Workspaces;
using Workflows.Infrastructure.Audit;
using Workflows.Infrastructure.Data.Configurations;
using Workflows.Infrastructure.Idempotency;

namespace Workflows.Infrastructure.Data;

/// <summary>
/// The one DbContext. Each provider has a thin subclass so that its migrations live apart
/// (<c>Migrations/Sqlite</c>, <c>Migrations/SqlServer</c>, <c>Migrations/PostgreSql</c>) while the model stays one.
/// </summary>
public abstract class WorkflowsDbContext(DbContextOptions options) : DbContext(options), IApplicationDbContext
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Workflow> Workflows => Set<Workflow>();
    public DbSet<WorkflowTask> Tasks => Set<WorkflowTask>();
    public DbSet<TaskTransition> TaskTransitions => Set<TaskTransition>();
    public DbSet<WorkflowVersion> WorkflowVersions => Set<WorkflowVersion>();
    public DbSet<PhoneNumber> PhoneNumbers => Set<PhoneNumber>();
    public DbSet<Inbox> Inboxes => Set<Inbox>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<WorkspaceTemplate> WorkspaceTemplates => Set<WorkspaceTemplate>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCounter> AuditCounters => Set<AuditCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly());
        // Keys are compared as .NET computed them, code unit by code unit, as SQLite compares text:
        // not by SQL Server's default collation, which ignores case and width, nor by a PostgreSQL
        // database's locale, which would order them by language rules.
        var keyCollation = Database.IsSqlServer() ? TextColumns.BinaryCollation : Database.IsNpgsql() ? TextColumns.PostgreSqlBinaryCollation : null;
        if (keyCollation is not null)
        {
            modelBuilder.Entity<Workflow>().Property(w => w.NormalizedName).UseCollation(keyCollation);
            modelBuilder.Entity<Inbox>().Property(i => i.AddressKey).UseCollation(keyCollation);
            modelBuilder.Entity<WorkspaceTemplate>().Property(t => t.NormalizedName).UseCollation(keyCollation);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC; SQLite hands them back unspecified, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>
    /// Saves what is already marked (added, deleted, or set through the entry API) without a pass
    /// over the tracked entities to find other changes: for a save that adds rows beside a large
    /// graph saved before it. What else might be pending stays pending for the next save.
    /// </summary>
    public async Task<int> SaveMarkedChangesAsync(CancellationToken cancellationToken)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Saves after one pass over the tracked entities to find what changed (none where the caller
    /// has turned <c>ChangeTracker.AutoDetectChangesEnabled</c> off), and turns the
    /// database's refusals into the rule violations callers understand.
    /// </summary>
    /// <remarks>
    /// Left to itself, a save looks for changes twice: the stamping interceptor's
    /// <c>ChangeTracker.Entries()</c> and EF's own pass each compare every property of every
    /// tracked entity (a workflow's tasks and transitions included) with its snapshot, and a write
    /// saves up to three times (its change, its version, its audit entry).
    /// </remarks>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrentUpdateException();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e.InnerException))
        {
            if (e.Entries.Select(x => x.Entity).OfType<Workflow>().FirstOrDefault() is { } workflow)
                throw new WorkflowNameConflictException(workflow.Name);
            // Two versions with one number: two writers of one workflow, the other first.
            if (e.Entries.Any(x => x.Entity is WorkflowVersion))
                throw new ConcurrentUpdateException();
            if (e.Entries.Any(x => x.Entity is Member))
                throw new MemberExistsException();
            if (e.Entries.Any(x => x.Entity is PhoneNumber))
                throw new ResourceExistsException("phone number");
            if (e.Entries.Any(x => x.Entity is Inbox))
                throw new ResourceExistsException("inbox");
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteWorkflowsDbContext(DbContextOptions<SqliteWorkflowsDbContext> options) : WorkflowsDbContext(options);

public sealed class SqlServerWorkflowsDbContext(DbContextOptions<SqlServerWorkflowsDbContext> options) : WorkflowsDbContext(options);

public sealed class PostgreSqlWorkflowsDbContext(DbContextOptions<PostgreSqlWorkflowsDbContext> options) : WorkflowsDbContext(options);
