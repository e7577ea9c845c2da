using Lianfang.Core.Files;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.IntegrityFiles;

internal sealed class IntegrityFileEntryConfiguration : IEntityTypeConfiguration<IntegrityFileEntry>
{
    public void Configure(EntityTypeBuilder<IntegrityFileEntry> b)
    {
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.RecordedBy).HasMaxLength(100);
        b.HasOne<Core.Org.Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.PersonId);
    }
}
