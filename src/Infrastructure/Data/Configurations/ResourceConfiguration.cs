using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Domain.Assignments;
using Workflows.Domain.Resources;
using Workflows.Domain.Templates;
using Workflows.Domain.Workflows;
using Workflows.Domain.Workspaces;

namespace Workflows.Infrastructure.Data.Configurations;

internal sealed class PhoneNumberConfiguration : IEntityTypeConfiguration<PhoneNumber>
{
    public void Configure(EntityTypeBuilder<PhoneNumber> builder)
    {
        builder.Property(p => p.Number).HasMaxLength(PhoneNumber.NumberMaxLength);
        builder.Property(p => p.Label).HasMaxLength(TextColumns.For(PhoneNumber.LabelMaxLength));
        builder.HasIndex(p => new { p.WorkspaceId, p.Number }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InboxConfiguration : IEntityTypeConfiguration<Inbox>
{
    public void Configure(EntityTypeBuilder<Inbox> builder)
    {
        builder.Property(i => i.Address).HasMaxLength(TextColumns.For(Inbox.AddressMaxLength));
        builder.Property(i => i.AddressKey).HasMaxLength(Inbox.AddressKeyMaxLength);
        builder.Property(i => i.Label).HasMaxLength(TextColumns.For(Inbox.LabelMaxLength));
        // Unique as compared (case-insensitively), not as written.
        builder.HasIndex(i => new { i.WorkspaceId, i.AddressKey }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.HasIndex(a => a.Uuid).IsUnique();
        builder.HasIndex(a => new { a.WorkspaceId, a.Id });
        builder.Property(a => a.Title).HasMaxLength(TextColumns.For(Assignment.TitleMaxLength));
        builder.Property(a => a.WorkflowName).HasMaxLength(TextColumns.For(WorkflowLimits.NameMaxLength));
        builder.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        // Deleting a workflow clears the link (the snapshot stays); the delete does it explicitly.
        builder.HasOne<Workflow>().WithMany().HasForeignKey(a => a.WorkflowId).OnDelete(DeleteBehavior.ClientSetNull);
        // CreatedById is a record of who started it, kept when that member leaves: no foreign key.
        builder.HasIndex(a => a.CreatedById);
    }
}

internal sealed class WorkspaceTemplateConfiguration : IEntityTypeConfiguration<WorkspaceTemplate>
{
    public void Configure(EntityTypeBuilder<WorkspaceTemplate> builder)
    {
        builder.ToTable("WorkspaceTemplates");
        builder.HasIndex(t => t.Uuid).IsUnique();
        // The list's order (built-in first, then these by name key and id) read straight off the index.
        builder.HasIndex(t => new { t.WorkspaceId, t.NormalizedName, t.Id });
        builder.Property(t => t.Name).HasMaxLength(TextColumns.For(WorkflowLimits.NameMaxLength));
        builder.Property(t => t.NormalizedName).HasMaxLength(WorkflowLimits.NameKeyMaxLength);
        builder.Property(t => t.Description).HasMaxLength(TextColumns.For(WorkflowLimits.DescriptionMaxLength));
        builder.Property(t => t.Blueprint).HasConversion(JsonColumn.ValueConverter<WorkflowBlueprint>(), JsonColumn.ValueComparer<WorkflowBlueprint>());
        builder.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
