using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Domain.Members;
using Workflows.Domain.Workflows;
using Workflows.Domain.Workspaces;

namespace Workflows.Infrastructure.Data.Configurations;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.HasIndex(w => w.Uuid).IsUnique();
        builder.Property(w => w.Name).HasMaxLength(TextColumns.For(WorkflowLimits.NameMaxLength));
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.DisplayName).HasMaxLength(TextColumns.For(Member.DisplayNameMaxLength));
        builder.Property(m => m.ObjectId).HasMaxLength(TextColumns.For(Member.ObjectIdMaxLength));
        builder.HasOne(m => m.Workspace).WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.WorkspaceId, m.ObjectId }).IsUnique();
        builder.HasIndex(m => m.ObjectId);
        builder.Ignore(m => m.IsAgent);
        builder.Ignore(m => m.IsWorkspaceAdmin);
        builder.Ignore(m => m.CanCreateWorkflows);
        builder.Ignore(m => m.DefaultWorkflowAccess);
    }
}
