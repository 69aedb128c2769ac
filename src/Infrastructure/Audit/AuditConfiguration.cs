using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Domain.Audit;
using Workflows.Domain.Members;
using Workflows.Domain.Resources;
using Workflows.Domain.Workspaces;
using Workflows.Infrastructure.Data.Configurations;

namespace Workflows.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        // The log's order and the feed's cursor: unique, so no two entries share a place.
        builder.HasIndex(e => new { e.WorkspaceId, e.Sequence }).IsUnique();
        // The filters, each on top of the sequence order.
        builder.HasIndex(e => new { e.WorkspaceId, e.Action, e.Sequence });
        builder.HasIndex(e => new { e.WorkspaceId, e.ActorMemberId, e.Sequence });
        builder.HasIndex(e => new { e.WorkspaceId, e.TargetType, e.TargetId, e.Sequence });
        // A time range (from, to) is found as a range of sequence numbers: entries' times never
        // go down as their numbers go up (see AuditLog).
        builder.HasIndex(e => new { e.WorkspaceId, e.At, e.Sequence });
        // The retention sweep.
        builder.HasIndex(e => e.At);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.ActorObjectId).HasMaxLength(TextColumns.For(Member.ObjectIdMaxLength));
        builder.Property(e => e.ActorAppId).HasMaxLength(AuditEntry.ObjectIdMaxLength);
        builder.Property(e => e.ActorKind).HasMaxLength(16);
        builder.Property(e => e.TargetType).HasMaxLength(32);
        builder.Property(e => e.TargetName).HasMaxLength(TextColumns.For(Inbox.AddressMaxLength));
        builder.Property(e => e.TraceId).HasMaxLength(32);
        // Entries outlive what they name: the target is copied, never a foreign key; only the
        // workspace (which is never deleted) is one, and it refuses rather than cascades.
        builder.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditCounterConfiguration : IEntityTypeConfiguration<AuditCounter>
{
    public void Configure(EntityTypeBuilder<AuditCounter> builder)
    {
        builder.ToTable("AuditCounters");
        builder.HasKey(c => c.WorkspaceId);
        builder.Property(c => c.WorkspaceId).ValueGeneratedNever();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
