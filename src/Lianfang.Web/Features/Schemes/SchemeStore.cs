using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Schemes;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Schemes;

/// <summary>A unit's own copy of a preset, stored as the scheme's JSON.</summary>
public sealed class SchemeRecord : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? BasedOn { get; set; }
    public int OwnerOrgUnitId { get; set; }
    public string Json { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class SchemeRecordConfiguration : IEntityTypeConfiguration<SchemeRecord>
{
    public void Configure(EntityTypeBuilder<SchemeRecord> b)
    {
        b.Property(s => s.Code).HasMaxLength(64);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.BasedOn).HasMaxLength(64);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.Code).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.OwnerOrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Resolves scheme codes to schemes: built-in presets first, then the units' own copies.</summary>
public sealed class SchemeStore(AppDbContext db, TimeProvider time)
{
    private readonly Dictionary<string, Scheme> _cache = [];

    public async Task<Scheme?> FindAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        if (Presets.Find(code) is { } preset) return preset;
        if (_cache.TryGetValue(code, out var cached)) return cached;
        var json = await db.Schemes.Where(s => s.Code == code).Select(s => s.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : _cache[code] = SchemeJson.Read(json);
    }

    public async Task<Scheme> GetAsync(string code, CancellationToken ct = default) =>
        await FindAsync(code, ct) ?? throw new DomainException("schemeCode", $"方案“{code}”不存在");

    /// <summary>
    /// The scheme the unit ran in <paramref name="year"/>: that of the latest campaign over it up to that year, else the
    /// earliest after; null before any campaign. A year's assessment or 责任书 follows the regime the unit then worked to.
    /// </summary>
    public async Task<Scheme?> RunByAsync(string unitPath, int year, CancellationToken ct = default)
    {
        var chain = Core.Org.OrgPath.AncestorsOrSelf(unitPath);
        var code = await db.Campaigns.Where(c => db.OrgUnits.Any(u => u.Id == c.RootOrgUnitId && chain.Contains(u.Path)))
            .OrderBy(c => c.Year <= year ? 0 : 1).ThenBy(c => c.Year <= year ? -c.Year : c.Year).ThenByDescending(c => c.Id)
            .Select(c => c.SchemeCode)
            .FirstOrDefaultAsync(ct);
        return await FindAsync(code, ct);
    }

    /// <summary>Presets, and the copies owned by units the user can see.</summary>
    public async Task<List<Scheme>> VisibleAsync(AccessScope scope, CancellationToken ct = default)
    {
        var units = db.OrgUnits.Visible(scope).Select(u => u.Id);
        var own = await db.Schemes.Where(s => units.Contains(s.OwnerOrgUnitId)).OrderBy(s => s.Code).Select(s => s.Json).ToListAsync(ct);
        return [.. Presets.All, .. own.Select(SchemeJson.Read)];
    }

    /// <summary>Versions of the units' own schemes (presets never change: 0), for clients that edit them.</summary>
    public async Task<Dictionary<string, int>> VersionsAsync(CancellationToken ct) =>
        await db.Schemes.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Version, ct);

    /// <summary>Copies a scheme for a unit to adjust (a unit may copy a preset and adjust it).</summary>
    public async Task<Scheme> CopyAsync(AccessScope scope, string basedOn, string code, string name, int ownerOrgUnitId, CancellationToken ct)
    {
        var source = await GetAsync(basedOn, ct);
        var owner = await Org.OrgUnitCommands.LoadVisibleAsync(db, scope, ownerOrgUnitId, ct, "orgUnitId");
        if (!scope.CanManageOrg(owner.Path)) throw DomainException.Forbidden($"无权为“{owner.Name}”建立方案");
        var copy = source with { Code = code?.Trim() ?? "", Name = name?.Trim() ?? "", BuiltIn = false, Seed = source.Seed };
        SchemeValidator.Validate(copy);
        if (Presets.Find(copy.Code) is not null || await db.Schemes.AnyAsync(s => s.Code == copy.Code, ct))
            throw DomainException.Conflict("code", $"方案代码“{copy.Code}”已被使用");
        db.Schemes.Add(new SchemeRecord
        {
            Code = copy.Code, Name = copy.Name, BasedOn = basedOn, OwnerOrgUnitId = owner.Id, Json = SchemeJson.Write(copy), UpdatedAt = time.UtcNow(),
        });
        // a copy carries the latest version of each of its source's forms: of a unit's own scheme all, of a preset those serving the new owner
        var carried = await TemplatesServingAsync(basedOn, Presets.Find(basedOn) is null ? null : owner.Path, withContent: true, ct);
        db.FormTemplates.AddRange(carried.Select(t => new FormTemplate
        {
            SchemeCode = copy.Code, OwnerOrgUnitId = owner.Id, Code = t.Code, Title = t.Title, For = t.For, Version = 1, Format = t.Format,
            FileName = t.FileName, Content = t.Content, Sha256 = t.Sha256, BaseForm = t.BaseForm, UploadedByUserId = t.UploadedByUserId,
            UploadedBy = t.UploadedBy, UploadedAt = t.UploadedAt,
        }));
        await db.SaveChangesAsync(ct);
        return copy;
    }

    /// <summary>
    /// The latest version of each unit form of a scheme that serves a unit: kept by it or a unit above it, the nearest
    /// unit's winning (<paramref name="unitPath"/> null: every owner's). The files themselves only with
    /// <paramref name="withContent"/>: a form menu needs the names, not the templates.
    /// </summary>
    public async Task<List<FormTemplate>> TemplatesServingAsync(string schemeCode, string? unitPath, bool withContent, CancellationToken ct)
    {
        var versions = from t in db.FormTemplates
                       join u in db.OrgUnits on t.OwnerOrgUnitId equals u.Id
                       where t.SchemeCode == schemeCode
                       select new { t.Id, t.Code, t.Version, u.Path };
        if (unitPath is not null)
        {
            var chain = OrgPath.AncestorsOrSelf(unitPath);
            versions = versions.Where(v => chain.Contains(v.Path));
        }
        var ids = (await versions.ToListAsync(ct)).GroupBy(v => v.Code)
            .Select(g => g.OrderByDescending(v => v.Path.Length).ThenByDescending(v => v.Version).First().Id).ToList();
        var latest = db.FormTemplates.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Code);
        return withContent ? await latest.ToListAsync(ct) : await latest.Select(t => new FormTemplate
        {
            Id = t.Id, SchemeCode = t.SchemeCode, OwnerOrgUnitId = t.OwnerOrgUnitId, Code = t.Code, Title = t.Title, For = t.For, Version = t.Version,
            Format = t.Format, FileName = t.FileName, Sha256 = t.Sha256, BaseForm = t.BaseForm, UploadedByUserId = t.UploadedByUserId,
            UploadedBy = t.UploadedBy, UploadedAt = t.UploadedAt,
        }).ToListAsync(ct);
    }

    /// <summary>Replaces a unit's scheme, unless a campaign already runs on it (its points depend on its codes).</summary>
    public async Task<Scheme> UpdateAsync(AccessScope scope, string code, Scheme scheme, CancellationToken ct, int? version = null)
    {
        if (Presets.Find(code) is not null) throw DomainException.Conflict("code", "内置方案不能修改，请先复制为本单位方案");
        var record = await db.Schemes.FirstOrDefaultAsync(s => s.Code == code, ct) ?? throw DomainException.NotFound("code", "方案不存在");
        var owner = await Org.OrgUnitCommands.LoadVisibleAsync(db, scope, record.OwnerOrgUnitId, ct);
        if (!scope.CanManageOrg(owner.Path)) throw DomainException.Forbidden($"无权修改方案“{record.Name}”");
        db.ExpectVersion(record, version);
        if (await db.Campaigns.AnyAsync(c => c.SchemeCode == code, ct))
            throw DomainException.Conflict("code", "已有排查使用该方案，不能再修改；如需调整请另行复制一个方案");
        var updated = scheme with { Code = code, BuiltIn = false };
        SchemeValidator.Validate(updated);
        record.Name = updated.Name;
        record.Json = SchemeJson.Write(updated);
        record.UpdatedAt = time.UtcNow();
        await db.SaveChangesAsync(ct);
        _cache.Remove(code);
        return updated;
    }
}
