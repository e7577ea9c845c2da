using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Register;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.SchemeCode).HasMaxLength(64);
        b.Property(c => c.ChangeReason).HasMaxLength(500);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.RootOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CarriedFromId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.RootOrgUnitId, c.Year });
    }
}

internal sealed class RiskListConfiguration : IEntityTypeConfiguration<RiskList>
{
    public void Configure(EntityTypeBuilder<RiskList> b)
    {
        b.Property(l => l.SchemeCode).HasMaxLength(64);
        b.Property(l => l.Scope).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Stage).HasMaxLength(64);
        b.Property(l => l.Commitment).HasMaxLength(500);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.Ignore(l => l.IsPersonal);
        b.HasOne(l => l.Campaign).WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.OrgUnit).WithMany().HasForeignKey(l => l.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Post>().WithMany().HasForeignKey(l => l.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(l => l.HolderPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.CampaignId, l.OrgUnitId });
        b.HasIndex(l => new { l.CampaignId, l.Scope, l.OrgUnitId, l.PostId, l.HolderPersonId }).IsUnique();
    }
}

internal sealed class RiskPointConfiguration : IEntityTypeConfiguration<RiskPoint>
{
    public void Configure(EntityTypeBuilder<RiskPoint> b)
    {
        b.Property(p => p.CategoryCode).HasMaxLength(64);
        b.Property(p => p.LevelCode).HasMaxLength(64);
        b.Property(p => p.ApprovedLevelCode).HasMaxLength(64);
        b.Property(p => p.Description).HasMaxLength(2000);
        b.Property(p => p.Manifestation).HasMaxLength(2000);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.Sources).AsJson();
        b.Property(p => p.Measures).AsJson();
        b.Property(p => p.Supervision).AsJson();
        b.Property(p => p.Responsible).AsJson();
        b.Ignore(p => p.EffectiveLevelCode);
        b.HasOne(p => p.List).WithMany().HasForeignKey(p => p.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Post).WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.FlowStepKey).HasMaxLength(64);
        b.HasOne<Lianfang.Core.Powers.PowerItem>().WithMany().HasForeignKey(p => p.PowerId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => p.PowerId);
        b.HasIndex(p => new { p.ListId, p.Seq }).IsUnique();
        // a unit's points in a campaign in the register's own order (list, row): a page of 50 reads 50 rows, not the unit's all
        b.HasIndex(p => new { p.OrgUnitId, p.CampaignId, p.ListId, p.Seq });
        b.HasIndex(p => new { p.CampaignId, p.CategoryCode, p.LevelCode });
        b.HasIndex(p => p.OriginId);
        b.Property(p => p.Supervisor).HasMaxLength(200);
        // no foreign key: on SQLite adding one rebuilds RiskPoints and drops its search triggers; a supervisor is a record of its moment
        b.HasIndex(p => p.SupervisorPersonId);
    }
}
