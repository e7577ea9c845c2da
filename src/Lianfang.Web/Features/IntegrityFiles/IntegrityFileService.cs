using Lianfang.Core.Access;
using Lianfang.Core.Files;
using Lianfang.Core.Register;

namespace Lianfang.Web.Features.IntegrityFiles;

public sealed record EntryRequest(IntegrityEntryType? Type, string? Content);
public sealed record EntryDto(long Id, IntegrityEntryType Type, string TypeName, string Content, string RecordedBy, DateTime RecordedAt);
public sealed record PostHistoryDto(string Post, string Unit, DateOnly From, DateOnly? To);
public sealed record FilePointDto(long Id, string Campaign, int Year, string Description, string Level, ListStatus ListStatus);
public sealed record DispositionDto(long Id, int Form, string FormName, string Measure, string Reason, DateOnly DecidedOn);
/// <summary>A post's 年终考核 (002) while the person held it: the result that goes into their 年终考评.</summary>
public sealed record EvaluationDto(int Year, string Post, int Score, int MaxScore, string? Grade, string AssessedBy);
public sealed record IntegrityFileDto(int PersonId, string Name, string? Title, string Unit, List<PostHistoryDto> Posts, List<FilePointDto> RiskPoints,
    List<DispositionDto> Dispositions, List<EntryDto> Entries, List<EvaluationDto> Evaluations);

/// <summary>廉政档案: read by the person, the agency supervising their unit and the commission above — each read audited.</summary>
public sealed class IntegrityFileService(AppDbContext db, IntegrityProtector protector, CurrentUser me, Schemes.SchemeStore schemes, TimeProvider time)
{
    public static readonly Role[] Readers = [Role.Agency, Role.Commission];

    public async Task<IntegrityFileDto> ReadAsync(AccessScope scope, int personId, CancellationToken ct)
    {
        var person = await SubjectAsync(scope, personId, ct);
        var posts = await db.PostAssignments.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.From)
            .Select(a => new PostHistoryDto(a.Post.Name, a.Post.OrgUnit.Name, a.From, a.To)).ToListAsync(ct);
        var points = new List<FilePointDto>();
        foreach (var p in await db.RiskPoints.AsNoTracking().Where(p => p.List.HolderPersonId == personId)
                     .OrderByDescending(p => p.List.Campaign.Year).ThenBy(p => p.Seq).Take(500)
                     .Select(p => new
                     {
                         p.Id, Campaign = p.List.Campaign.Name, p.List.Campaign.Year, p.Description, Level = p.ApprovedLevelCode ?? p.LevelCode,
                         p.List.SchemeCode, p.List.Status,
                     })
                     .ToListAsync(ct))
            points.Add(new FilePointDto(p.Id, p.Campaign, p.Year, p.Description,
                (await schemes.FindAsync(p.SchemeCode, ct))?.Level(p.Level)?.Name ?? p.Level, p.Status));
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
