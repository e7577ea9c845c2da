using Lianfang.Core.Org;
using Lianfang.Core.Schemes;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Schemes;

/// <summary>
/// A unit's own Word or Excel form for a scheme, with placeholders where the data go: one version of it. A new upload
/// under the same code is the next version; exports use the latest and say which. It serves the lists of its owner
/// unit and the units below it.
/// </summary>
public sealed class FormTemplate
{
    public int Id { get; set; }
    public string SchemeCode { get; set; } = "";
    public int OwnerOrgUnitId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The kind of list the form is for; null for every kind.</summary>
    public ListScope? For { get; set; }
    public int Version { get; set; }
    /// <summary>docx or xlsx.</summary>
    public string Format { get; set; } = "";
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string Sha256 { get; set; } = "";
    /// <summary>The built-in form whose wording (category names, signature lines, opinion rows) the template takes.</summary>
    public string BaseForm { get; set; } = "";
    public int UploadedByUserId { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}

internal sealed class FormTemplateConfiguration : IEntityTypeConfiguration<FormTemplate>
{
    public void Configure(EntityTypeBuilder<FormTemplate> b)
    {
        b.Property(t => t.SchemeCode).HasMaxLength(64);
        b.Property(t => t.Code).HasMaxLength(64);
        b.Property(t => t.Title).HasMaxLength(100);
        b.Property(t => t.For).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Format).HasMaxLength(8);
        b.Property(t => t.FileName).HasMaxLength(200);
        b.Property(t => t.Sha256).HasMaxLength(64);
        b.Property(t => t.BaseForm).HasMaxLength(64);
        b.Property(t => t.UploadedBy).HasMaxLength(100);
        b.HasIndex(t => new { t.SchemeCode, t.OwnerOrgUnitId, t.Code, t.Version }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.OwnerOrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
