using Lianfang.Core.Access;
using Lianfang.Core.Files;
using Lianfang.Core.Register;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Lianfang.Web.Office;

namespace Lianfang.Web.Features.IntegrityFiles;

/// <summary>
/// Seals 廉政档案 content with ASP.NET Core Data Protection under a key ring of its own, kept in a directory outside the
/// database (<c>Lianfang:IntegrityKeysPath</c>), so a copy of the database file alone reveals nothing.
/// </summary>
public sealed class IntegrityProtector
{
    private readonly IDataProtector _protector;

    public IntegrityProtector(IConfiguration config, IWebHostEnvironment env)
    {
        var path = config["Lianfang:IntegrityKeysPath"] is { Length: > 0 } p ? p : Path.Combine(env.ContentRootPath, "data", "keys");
        var dir = Directory.CreateDirectory(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path));
        _protector = DataProtectionProvider.Create(dir, b => b.SetApplicationName("Lianfang.IntegrityFiles").ProtectKeysAtRest(config))
            .CreateProtector("Lianfang.IntegrityFile.v1");
    }

    public string Seal(string plain) => _protector.Protect(plain);
    public string Open(string sealedText) => _protector.Unprotect(sealedText);
}

public sealed record EntryRequest(IntegrityEntryType? Type, string? Content);
public sealed record EntryDto(long Id, IntegrityEntryType Type, string TypeName, string Content, string RecordedBy, DateTime RecordedAt);
public sealed record AssignmentDto(string Post, string Unit, DateOnly From, DateOnly? To);
public sealed record FilePointDto(long Id, string Campaign, int Year, string Description, string Level, ListStatus ListStatus);
public sealed record DispositionDto(long Id, int Form, string FormName, string Measure, string Reason, DateOnly DecidedOn);
/// <summary>A post's 年终考核 (002) while the person held it: the result that goes into their 年终考评.</summary>
public sealed record EvaluationDto(int Year, string Post, int Score, int MaxScore, string? Grade, string AssessedBy);
public sealed record IntegrityFileDto(int PersonId, string Name, string? Title, string Unit, List<AssignmentDto> Posts, List<FilePointDto> RiskPoints,
    List<DispositionDto> Dispositions, List<EntryDto> Entries, List<EvaluationDto> Evaluations);

/// <summary>廉政档案: read by the person, the agency supervising their unit and the commission above — each read audited.</summary>
public sealed class IntegrityFileService(AppDbContext db, IntegrityProtector protector, CurrentUser me, Schemes.SchemeStore schemes, TimeProvider time)
{
    public static readonly Role[] Readers = [Role.Agency, Role.Commission];

    public async Task<IntegrityFileDto> ReadAsync(AccessScope scope, int personId, CancellationToken ct)
    {
        var person = await SubjectAsync(scope, personId, ct);
        var posts = await db.PostAssignments.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.From)
            .Select(a => new AssignmentDto(a.Post.Name, a.Post.OrgUnit.Name, a.From, a.To)).ToListAsync(ct);
        var points = new List<FilePointDto>();
        foreach (var p in await db.RiskPoints.AsNoTracking().Where(p => p.List.HolderPersonId == personId)
                     .OrderByDescending(p => p.List.Campaign.Year).ThenBy(p => p.Seq).Take(500)
                     .Select(p => new { p.Id, Campaign = p.List.Campaign.Name, p.List.Campaign.Year, p.Description, Level = p.ApprovedLevelCode ?? p.LevelCode, p.List.SchemeCode, p.List.Status })
                     .ToListAsync(ct))
            points.Add(new FilePointDto(p.Id, p.Campaign, p.Year, p.Description, (await schemes.FindAsync(p.SchemeCode, ct))?.Level(p.Level)?.Name ?? p.Level, p.Status));
        var dispositions = await db.Dispositions.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.DecidedOn)
            .Select(d => new DispositionDto(d.Id, d.Form, Core.Supervision.Disposition.FormLabel(d.Form), d.Measure, d.Reason, d.DecidedOn)).ToListAsync(ct);
        var entries = (await db.IntegrityFileEntries.AsNoTracking().Where(e => e.PersonId == personId).OrderByDescending(e => e.RecordedAt).ToListAsync(ct))
            .Select(e => new EntryDto(e.Id, e.Type, IntegrityFileEntry.Label(e.Type), protector.Open(e.Sealed), e.RecordedBy, e.RecordedAt)).ToList();
        var evaluations = await db.Assessments.AsNoTracking().Where(a => a.PersonId == personId).OrderByDescending(a => a.Year)
            .Select(a => new EvaluationDto(a.Year, a.PostName!, a.Score, a.MaxScore, a.Grade, a.AssessedBy)).ToListAsync(ct);
        await db.RecordReadAsync("IntegrityFile", personId.ToString(), person.Path, ct);
        return new IntegrityFileDto(personId, person.Name, person.Title, person.Unit, posts, points, dispositions, entries, evaluations);
    }

    public async Task<IntegrityFileEntry> AddAsync(AccessScope scope, int personId, EntryRequest req, CancellationToken ct)
    {
        var person = await SubjectAsync(scope, personId, ct);
        var type = req.Type ?? throw new DomainException("type", "请选择档案内容类别");
        if (!MayRecord(scope, person.Path, type)) throw DomainException.Forbidden("组织处理、处分等由派驻机构或纪委监委记载");
        var content = IntegrityFileEntry.CheckContent(req.Content);
        var entry = new IntegrityFileEntry(personId, type, protector.Seal(content), await me.DisplayNameAsync(ct), time.UtcNow());
        db.IntegrityFileEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>What the user may record in a file they can open: their own declarations, or anything for the agency and commission.</summary>
    public async Task<IntegrityEntryType[]> RecordableAsync(AccessScope scope, int personId, CancellationToken ct)
    {
        var person = await SubjectAsync(scope, personId, ct);
        return [.. Enum.GetValues<IntegrityEntryType>().Where(t => MayRecord(scope, person.Path, t))];
    }

    private static bool MayRecord(AccessScope scope, string personPath, IntegrityEntryType type) =>
        IntegrityFileEntry.DeclaredByPerson(type) || MayRead(scope, personPath);

    /// <summary>The agency over the person's unit and the commission above it; never an administrator (DESIGN §1, 三员分立).</summary>
    public static bool MayRead(AccessScope scope, string personPath) => scope.HasRoleOver(personPath, Readers);

    private sealed record Subject(int Id, string Name, string? Title, string Unit, string Path);

    /// <summary>The person whose file the caller may open; anyone else gets 404, never a hint that the file exists.</summary>
    private async Task<Subject> SubjectAsync(AccessScope scope, int personId, CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().Where(x => x.Id == personId)
            .Select(x => new Subject(x.Id, x.Name, x.Title, x.OrgUnit.Name, x.OrgUnit.Path)).FirstOrDefaultAsync(ct);
        if (p is null || (scope.PersonId != personId && !MayRead(scope, p.Path))) throw DomainException.NotFound("id", "廉政档案不存在或不在您的权限范围内");
        return p;
    }
}

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

/// <summary>One person's 廉政档案 as a Word (or Excel/PDF) document; producing it is a read, and audited as one.</summary>
public sealed class IntegrityFileExport(IntegrityFileService files, OfficeRenderer renderer)
{
    public async Task<ExportFile> ExportAsync(AccessScope scope, int personId, string? format, CancellationToken ct)
    {
        var f = OfficeRenderer.Format(format);
        var file = await files.ReadAsync(scope, personId, ct);
        var rows = new List<Office.FormRow>();
        void Section(string title, IEnumerable<(string What, string Detail, string When)> items)
        {
            rows.Add(new Office.FormRow([title, "", ""], Office.RowKind.Section));
            var list = items.ToList();
            rows.AddRange(list.Count == 0 ? [new Office.FormRow(["无", "", ""])] : list.Select(i => new Office.FormRow([i.What, i.Detail, i.When])));
        }
        Section("一、任职情况", file.Posts.Select(a => (a.Post, a.Unit, $"{a.From:yyyy-MM-dd} 至 {(a.To is { } to ? to.ToString("yyyy-MM-dd") : "今")}")));
        Section("二、廉政风险点", file.RiskPoints.Select(p => (p.Level, p.Description, $"{p.Year} {p.Campaign}")));
        Section("三、组织处理和党纪政纪处分（四种形态）", file.Dispositions.Select(d => ($"{d.FormName} · {d.Measure}", d.Reason, d.DecidedOn.ToString("yyyy-MM-dd"))));
        Section("四、廉政风险防范年终考核（与年终考评挂钩）", file.Evaluations.Select(e => ($"{e.Post}：{e.Grade}", $"{e.Score}/{e.MaxScore} 分，{e.AssessedBy}评定", $"{e.Year}年")));
        Section("五、个人有关事项、收入、配偶子女从业等记载", file.Entries.Select(e => (e.TypeName, e.Content, Clock.Local(e.RecordedAt).ToString("yyyy-MM-dd"))));
        var columns = new[] { new Office.FormColumn(null, "项目", 2.2), new Office.FormColumn(null, "内容", 5), new Office.FormColumn(null, "时间", 2) };
        var doc = new Office.FormDocument("廉政档案", false, [("姓名", file.Name), ("单位", file.Unit), ("职务", file.Title ?? "")], [],
            new Office.FormTable(columns, rows), [], [], ["本档案含个人敏感信息，仅供本人、派驻纪检监察机构和纪委监委查阅，不得外传。"], $"{file.Name}·廉政档案");
        return await renderer.RenderAsync(doc, f, ct);
    }
}

public static class IntegrityFilesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:int}/integrity-file/export", async (int id, string? format, CurrentUser me, IntegrityFileExport export, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await export.ExportAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithTags("廉政档案").WithSummary("导出本人廉政档案（docx、xlsx 或 pdf）；导出同样记入审计").ProducesProblem(404).ProducesProblem(501);
        api.MapGet("/people/{id:int}/integrity-file", async (int id, CurrentUser me, IntegrityFileService files, CancellationToken ct) =>
            await files.ReadAsync(await me.ScopeAsync(ct), id, ct))
            .WithTags("廉政档案").WithSummary("廉政档案：任职、风险点、四种形态处置和记载内容（本人、派驻机构、纪委监委可见，每次查阅记入审计）").ProducesProblem(404);
        api.MapPost("/people/{id:int}/integrity-file/entries", async (int id, EntryRequest req, CurrentUser me, IntegrityFileService files, CancellationToken ct) =>
        {
            var e = await files.AddAsync(await me.ScopeAsync(ct), id, req, ct);
            return TypedResults.Created($"/api/v1/people/{id}/integrity-file", new { id = e.Id });
        }).WithTags("廉政档案").WithSummary("记载廉政档案内容（type：PersonalMatter、Income、FamilyEmployment 由本人申报；OrganizationalHandling、DisciplinaryAction 等由派驻机构、纪委监委记载）；内容加密存储")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
    }
}
