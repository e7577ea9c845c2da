using Lianfang.Core.Powers;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Powers;

internal sealed class PowerItemConfiguration : IEntityTypeConfiguration<PowerItem>
{
    public void Configure(EntityTypeBuilder<PowerItem> b)
    {
        b.ToTable("Powers");
        b.Property(p => p.Category).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.DisclosureScope).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Subject).HasMaxLength(200);
        b.Property(p => p.Basis).HasMaxLength(2000);
        b.Property(p => p.DisclosureForm).HasMaxLength(200);
        b.Property(p => p.DisclosureTime).HasMaxLength(200);
        b.Property(p => p.Fees).HasMaxLength(1000);
        b.Property(p => p.Handler).HasMaxLength(200);
        b.Property(p => p.Remarks).HasMaxLength(1000);
        b.Property(p => p.Flow).AsJson();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OrgUnitId, p.Category });
    }
}
