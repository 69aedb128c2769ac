using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Domain.Members;
using Workflows.Domain.Resources;
using Workflows.Domain.Workflows;
using Workflows.Domain.Workspaces;

namespace Workflows.Infrastructure.Data.Configurations;

internal sealed class WorkflowConfiguration : IEntityTypeConfiguration<Workflow>
{
    public void Configure(EntityTypeBuilder<Workflow> builder)
    {
        builder.HasIndex(w => w.Uuid).IsUnique();
        builder.HasIndex(w => new { w.WorkspaceId, w.NormalizedName }).IsUnique();
        // The list's keyset orders: a page is read in index order from where the last one ended.
        builder.HasIndex(w => new { w.WorkspaceId, w.IsArchived, w.CreatedAt, w.Id });
        builder.HasIndex(w => new { w.WorkspaceId, w.IsArchived, w.UpdatedAt, w.Id });
        builder.HasIndex(w => new { w.WorkspaceId, w.IsArchived, w.NormalizedName, w.Id });

        builder.Property(w => w.Name).HasMaxLength(TextColumns.For(WorkflowLimits.NameMaxLength));
        builder.Property(w => w.NormalizedName).HasMaxLength(WorkflowLimits.NameKeyMaxLength);
        builder.Property(w => w.Description).HasMaxLength(TextColumns.For(WorkflowLimits.DescriptionMaxLength));
        builder.Property(w => w.Prompt).HasMaxLength(TextColumns.For(WorkflowLimits.PromptMaxLength));
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.Ignore(w => w.StartTaskId);
        builder.Ignore(w => w.AccessPolicy);
        builder.Ignore(w => w.HasChanged);

        builder.Property(w => w.Abilities).HasField("_abilities")
            .HasConversion(JsonColumn.Converter<Ability>(), JsonColumn.Comparer<Ability>());
        builder.Property(w => w.EventRules).HasField("_eventRules")
            .HasConversion(JsonColumn.Converter<EventRule>(), JsonColumn.Comparer<EventRule>());

        builder.OwnsMany(w => w.MemberRoleAccess, access =>
        {
            access.ToTable("WorkflowRoleAccess");
            access.WithOwner().HasForeignKey("WorkflowId");
            access.Property<int>("Id");
            access.HasKey("Id");
            access.Property(a => a.Role).HasConversion<string>().HasMaxLength(16);
            access.Property(a => a.Access).HasConversion<int>();
        });
        builder.Navigation(w => w.MemberRoleAccess).HasField("_memberRoleAccess");

        builder.HasMany(w => w.Tasks).WithOne(t => t.Workflow).HasForeignKey(t => t.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Tasks).HasField("_tasks");

        builder.HasOne<Workspace>().WithMany().HasForeignKey(w => w.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(w => w.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(w => w.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PhoneNumber>().WithMany().HasForeignKey(w => w.DefaultPhoneNumberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Inbox>().WithMany().HasForeignKey(w => w.DefaultInboxId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTask>
{
    public void Configure(EntityTypeBuilder<WorkflowTask> builder)
    {
        builder.ToTable("Tasks");
        builder.HasIndex(t => t.Uuid).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(TextColumns.For(WorkflowLimits.NameMaxLength));
        builder.Property(t => t.Description).HasMaxLength(TextColumns.For(WorkflowLimits.DescriptionMaxLength));
        builder.Property(t => t.Prompt).HasMaxLength(TextColumns.For(WorkflowLimits.PromptMaxLength));
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.NextTaskIds);
        builder.Ignore(t => t.Details);

        builder.HasMany(t => t.Transitions).WithOne(tr => tr.From).HasForeignKey(tr => tr.FromTaskId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Transitions).HasField("_transitions");
    }
}

internal sealed class TaskTransitionConfiguration : IEntityTypeConfiguration<TaskTransition>
{
    public void Configure(EntityTypeBuilder<TaskTransition> builder)
    {
        builder.HasKey(t => new { t.FromTaskId, t.ToTaskId });
        // One cascade path only (from the source task): SQL Server refuses two.
        builder.HasOne(t => t.To).WithMany().HasForeignKey(t => t.ToTaskId).OnDelete(DeleteBehavior.ClientCascade);
        builder.HasIndex(t => t.ToTaskId);
    }
}

internal sealed class WorkflowVersionConfiguration : IEntityTypeConfiguration<WorkflowVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowVersion> builder)
    {
        // One row per version number of a workflow; the history is read newest first along it.
        builder.HasIndex(v => new { v.WorkflowId, v.Version }).IsUnique();
        builder.Property(v => v.ActorDisplayName).HasMaxLength(TextColumns.For(Member.DisplayNameMaxLength));
        builder.Property(v => v.ActorKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Change).HasConversion<string>().HasMaxLength(32);
        builder.Property(v => v.Summary).HasMaxLength(TextColumns.For(WorkflowVersion.SummaryMaxLength));
        // The history goes with its workflow, in the database's own cascade.
        builder.HasOne<Workflow>().WithMany().HasForeignKey(v => v.WorkflowId).OnDelete(DeleteBehavior.Cascade);
    }
}
