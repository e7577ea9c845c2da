using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Supervision;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Complaints;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Content).HasMaxLength(2000);
        b.Property(c => c.ContactName).HasMaxLength(50);
        b.Property(c => c.Contact).HasMaxLength(100);
        b.Property(c => c.Note).HasMaxLength(2000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.OrgUnit).WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<RiskPoint>().WithMany().HasForeignKey(c => c.RiskPointId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.OrgUnitId, c.ReceivedAt });
        b.HasIndex(c => new { c.PersonId, c.ReceivedAt });
        b.HasIndex(c => new { c.RiskPointId, c.ReceivedAt });
    }
}
