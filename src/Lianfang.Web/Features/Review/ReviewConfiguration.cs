using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Review;

internal sealed class ReviewRecordConfiguration : IEntityTypeConfiguration<ReviewRecord>
{
    public void Configure(EntityTypeBuilder<ReviewRecord> b)
    {
        b.ToTable("Reviews");
        b.Property(r => r.StageCode).HasMaxLength(64);
        b.Property(r => r.StageName).HasMaxLength(100);
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Actor).HasMaxLength(100);
        b.Property(r => r.RoleLabel).HasMaxLength(100);
        b.Property(r => r.Comment).HasMaxLength(1000);
        b.Property(r => r.ContentHash).HasMaxLength(64);
        b.Property(r => r.VerificationCode).HasMaxLength(16);
        b.Ignore(r => r.IsSignature);
        b.Property(r => r.PriorHash).HasMaxLength(64);
        b.Property(r => r.Attendees).HasMaxLength(1000);
        b.Property(r => r.CheckedItems).HasMaxLength(200);
        b.HasMany(r => r.Changes).WithOne().HasForeignKey(c => c.ReviewRecordId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Changes).HasField("_changes").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<RiskList>().WithMany().HasForeignKey(r => r.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.ListId, r.Id });
        b.HasIndex(r => r.VerificationCode).IsUnique();
        // the signers of lists (汇总表 participants) read from the index alone, not the wide rows of every review
        b.HasIndex(r => new { r.ListId, r.UserId }, "IX_Reviews_Signatures").HasFilter("\"VerificationCode\" IS NOT NULL");
    }
}

internal sealed class ReviewChangeConfiguration : IEntityTypeConfiguration<ReviewChange>
{
    public void Configure(EntityTypeBuilder<ReviewChange> b)
    {
        b.ToTable("ReviewChanges");
        b.Property(c => c.Field).HasMaxLength(64);
        b.Property(c => c.Before).HasMaxLength(2000);
        b.Property(c => c.After).HasMaxLength(2000);
        b.Property(c => c.Reason).HasMaxLength(500);
        b.HasIndex(c => c.ReviewRecordId);
    }
}

internal sealed class LeadingGroupMemberConfiguration : IEntityTypeConfiguration<LeadingGroupMember>
{
    public void Configure(EntityTypeBuilder<LeadingGroupMember> b)
    {
        b.Property(m => m.Duty).HasConversion<string>().HasMaxLength(16);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.OrgUnitId, m.PersonId }).IsUnique();
        b.HasIndex(m => m.PersonId);
    }
}

internal sealed class PeerPairConfiguration : IEntityTypeConfiguration<PeerPair>
{
    public void Configure(EntityTypeBuilder<PeerPair> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.PeerOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.CampaignId, p.OrgUnitId }).IsUnique();
        b.HasIndex(p => new { p.CampaignId, p.PeerOrgUnitId });
    }
}

internal sealed class RowSignatureConfiguration : IEntityTypeConfiguration<RowSignature>
{
    public void Configure(EntityTypeBuilder<RowSignature> b)
    {
        b.Property(r => r.Signer).HasMaxLength(100);
        b.Property(r => r.PointHash).HasMaxLength(64);
        b.Property(r => r.VerificationCode).HasMaxLength(16);
        b.HasIndex(r => r.VerificationCode).IsUnique();
        b.HasOne<RiskList>().WithMany().HasForeignKey(r => r.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RiskPoint>().WithMany().HasForeignKey(r => r.RiskPointId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.ListId, r.RiskPointId, r.PersonId });
    }
}

internal sealed class FilingConfiguration : IEntityTypeConfiguration<Filing>
{
    public void Configure(EntityTypeBuilder<Filing> b)
    {
        b.Property(f => f.CategoryCode).HasMaxLength(64);
        b.Property(f => f.LevelCode).HasMaxLength(64);
        b.Property(f => f.Description).HasMaxLength(2000);
        b.HasOne<RiskPoint>().WithMany().HasForeignKey(f => f.RiskPointId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.OrgUnit).WithMany().HasForeignKey(f => f.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(f => f.CommissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.CommissionId, f.CampaignId });
        b.HasIndex(f => f.RiskPointId).IsUnique();
    }
}

internal sealed class FormFilingConfiguration : IEntityTypeConfiguration<FormFiling>
{
    public void Configure(EntityTypeBuilder<FormFiling> b)
    {
        b.Property(f => f.FormCode).HasMaxLength(64);
        b.Property(f => f.FormTitle).HasMaxLength(200);
        b.Property(f => f.Title).HasMaxLength(300);
        b.Property(f => f.ContentHash).HasMaxLength(64);
        b.HasOne<RiskList>().WithMany().HasForeignKey(f => f.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Campaign>().WithMany().HasForeignKey(f => f.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.OrgUnit).WithMany().HasForeignKey(f => f.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(f => f.CommissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.CommissionId, f.CampaignId });
        b.HasIndex(f => new { f.CampaignId, f.OrgUnitId, f.FormCode, f.ListId });
    }
}

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> b)
    {
        b.Property(p => p.ContentHash).HasMaxLength(64);
        b.HasOne<RiskList>().WithMany().HasForeignKey(p => p.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ListId, p.Revision, p.Until });
        b.Property(p => p.Publisher).HasMaxLength(100);
        b.Property(p => p.VerificationCode).HasMaxLength(16);
        b.HasIndex(p => p.VerificationCode).IsUnique();
    }
}

internal sealed class ReviewInvitationConfiguration : IEntityTypeConfiguration<ReviewInvitation>
{
    public void Configure(EntityTypeBuilder<ReviewInvitation> b)
    {
        b.Property(i => i.StageCode).HasMaxLength(64);
        b.HasOne<RiskList>().WithMany().HasForeignKey(i => i.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.UserId, i.ListId });
        b.HasIndex(i => new { i.ListId, i.Revision, i.StageCode, i.UserId }).IsUnique();
    }
}
