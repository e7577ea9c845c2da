using Lianfang.Core.Register;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.InternalRules;

internal sealed class InternalRuleConfiguration : IEntityTypeConfiguration<InternalRule>
{
    public void Configure(EntityTypeBuilder<InternalRule> b)
    {
        b.ToTable("InternalRules");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Change).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.DocumentNumber).HasMaxLength(100);
        b.Property(r => r.Remarks).HasMaxLength(1000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.OrgUnit).WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Points).WithOne().HasForeignKey(p => p.InternalRuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.CampaignId, r.OrgUnitId });
    }
}

internal sealed class InternalRulePointConfiguration : IEntityTypeConfiguration<InternalRulePoint>
{
    public void Configure(EntityTypeBuilder<InternalRulePoint> b)
    {
        b.ToTable("InternalRulePoints");
        b.HasKey(p => new { p.InternalRuleId, p.RiskPointId });
        // A point deleted from its list no longer needs answering.
        b.HasOne<RiskPoint>().WithMany().HasForeignKey(p => p.RiskPointId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.RiskPointId);
    }
}
