using Lianfang.Core.Org;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Org;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(u => u.Path).HasMaxLength(256);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => u.Path).IsUnique();
        b.HasIndex(u => new { u.ParentId, u.Name }).IsUnique();
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Supervises).WithOne().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.Supervises).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Property(u => u.Duties).HasMaxLength(2000);
        b.Property(u => u.IntegrityDuties).HasMaxLength(2000);
        b.HasOne<Person>().WithMany().HasForeignKey(u => u.HeadPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AgencySupervisionConfiguration : IEntityTypeConfiguration<AgencySupervision>
{
    public void Configure(EntityTypeBuilder<AgencySupervision> b)
    {
        b.HasKey(s => new { s.AgencyId, s.UnitId });
        b.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Tier).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Duties).HasMaxLength(4000);
        b.Property(p => p.IntegrityDuties).HasMaxLength(4000);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OrgUnitId, p.Name }).IsUnique();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.Name).HasMaxLength(50);
        b.Property(p => p.Title).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Assignments).WithOne(a => a.Person).HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.CurrentAssignment);
        b.HasIndex(p => new { p.OrgUnitId, p.Name });
        b.Property(p => p.EmployeeNumber).HasMaxLength(64);
        b.HasIndex(p => p.EmployeeNumber).IsUnique(); // NULLs are distinct on both databases: people without a number are many
    }
}

internal sealed class PostAssignmentConfiguration : IEntityTypeConfiguration<PostAssignment>
{
    public void Configure(EntityTypeBuilder<PostAssignment> b)
    {
        b.HasOne(a => a.Post).WithMany().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.PostId, a.To });
    }
}
