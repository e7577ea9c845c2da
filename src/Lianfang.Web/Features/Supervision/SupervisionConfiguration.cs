using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Supervision;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Supervision;

/// <summary>The bytes of an evidence file, kept in the database with the rest (one transaction, every node sees it).</summary>
public sealed class EvidenceBlob
{
    public long Id { get; set; }
    public byte[] Bytes { get; set; } = [];
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.Property(i => i.Type).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.InspectorName).HasMaxLength(100);
        b.Property(i => i.Subject).HasMaxLength(4000);
        b.Property(i => i.Record).HasMaxLength(8000);
        b.Property(i => i.WithdrawnBy).HasMaxLength(100);
        b.Property(i => i.ChangeReason).HasMaxLength(500);
        // a withdrawn inspection counts nowhere: not in scorecards, sweeps, lists or the inbox
        b.HasQueryFilter(i => i.WithdrawnAt == null);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne(i => i.OrgUnit).WithMany().HasForeignKey(i => i.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Targets).WithOne().HasForeignKey(t => t.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.OrgUnitId, i.Date });
    }
}

internal sealed class InspectionTargetConfiguration : IEntityTypeConfiguration<InspectionTarget>
{
    public void Configure(EntityTypeBuilder<InspectionTarget> b)
    {
        b.HasKey(t => new { t.InspectionId, t.RiskPointId });
        b.HasOne<RiskPoint>().WithMany().HasForeignKey(t => t.RiskPointId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.RiskPointId);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.Property(f => f.Description).HasMaxLength(2000);
        b.HasOne(f => f.Inspection).WithMany().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(f => f.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RiskPoint>().WithMany().HasForeignKey(f => f.RiskPointId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> b)
    {
        b.Property(r => r.Owner).HasMaxLength(100);
        b.Property(r => r.Task).HasMaxLength(2000);
        b.Property(r => r.Report).HasMaxLength(4000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.VerifiedBy).HasMaxLength(100);
        b.Property(r => r.VerificationComment).HasMaxLength(2000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Finding).WithMany().HasForeignKey(r => r.FindingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.OwnerOrgUnit).WithMany().HasForeignKey(r => r.OwnerOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Evidence).WithOne().HasForeignKey(e => e.RectificationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.Status, r.Deadline });
        b.HasIndex(r => r.OwnerOrgUnitId);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.HasOne<EvidenceBlob>().WithOne().HasForeignKey<EvidenceBlob>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceBlobConfiguration : IEntityTypeConfiguration<EvidenceBlob>
{
    public void Configure(EntityTypeBuilder<EvidenceBlob> b) => b.Property(x => x.Id).ValueGeneratedNever();
}

internal sealed class DispositionConfiguration : IEntityTypeConfiguration<Disposition>
{
    public void Configure(EntityTypeBuilder<Disposition> b)
    {
        b.Property(d => d.Measure).HasMaxLength(50);
        b.Property(d => d.Reason).HasMaxLength(2000);
        b.Property(d => d.RecordedBy).HasMaxLength(100);
        b.Property(d => d.WithdrawnBy).HasMaxLength(100);
        b.Property(d => d.WithdrawReason).HasMaxLength(500);
        b.HasQueryFilter(d => d.WithdrawnAt == null); // a withdrawn disposition is in no file and no count
        b.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Finding>().WithMany().HasForeignKey(d => d.FindingId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(d => d.PersonId);
    }
}

internal sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>
{
    public void Configure(EntityTypeBuilder<Warning> b)
    {
        b.Property(w => w.Rule).HasMaxLength(40);
        b.Property(w => w.TargetType).HasMaxLength(20);
        b.Property(w => w.Message).HasMaxLength(500);
        b.Property(w => w.Assignee).HasMaxLength(200);
        b.Ignore(w => w.IsActive);
        b.Ignore(w => w.Key);
        b.HasOne(w => w.OrgUnit).WithMany().HasForeignKey(w => w.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(w => new { w.ClearedAt, w.Rule });
        b.HasIndex(w => new { w.OrgUnitId, w.ClearedAt });
    }
}
