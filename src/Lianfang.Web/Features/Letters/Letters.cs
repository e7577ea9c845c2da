using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Schemes;
using Lianfang.Core.Supervision;
using Lianfang.Web.Office;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Letters;

public sealed record LetterRequest(int? PersonId, int? Year, string? Duties, string? IssuedBy, DateOnly? SignedOn);
public sealed record LetterDto(long Id, int PersonId, string Person, string Post, int Year, string Duties, string IssuedBy, DateOnly SignedOn,
    string RecordedBy, DateTime RecordedAt);
/// <summary>A cadre the unit signs a 责任书 with this year, and the letter when signed.</summary>
public sealed record CadreDto(int PersonId, string Person, string Post, PostTier Tier, string Unit, LetterDto? Letter);
public sealed record LetterOverview(string Unit, int Year, string? Scheme, bool Required, DateOnly? Deadline, IReadOnlyList<CadreDto> Cadres);

/// <summary>
/// 党风廉政建设责任书 (003 ResponsibilityLetters): the unit's party office records each cadre's signed letter of the year;
/// the sweep reminds and flags the cadres still without one. Readers: the unit's party office and principal, the agency
/// and the commission over it.
/// </summary>
public sealed class LetterCommands(
    AppDbContext db, CurrentUser me, Schemes.SchemeStore schemes, Supervision.WarningSweep sweep, OfficeRenderer renderer, TimeProvider time)
{
    public static readonly Role[] Keepers = [Role.PartyOffice, Role.Principal];
    public static readonly Role[] Readers = [Role.PartyOffice, Role.Principal, Role.Agency, Role.Commission];

    public static bool MayOpen(AccessScope scope) => scope.Grants.Any(g => Readers.Contains(g.Role));

    /// <summary>The tiers the scheme's rule covers (领导岗位、中层岗位 unless it says).</summary>
    private async Task<(int Id, string Name, string Path)> UnitAsync(AccessScope scope, int unitId, CancellationToken ct)
    {
        var u = await db.OrgUnits.AsNoTracking()
            .Where(x => x.Id == unitId && x.Kind == OrgUnitKind.Unit)
            .Select(x => new { x.Id, x.Name, x.Path })
            .FirstOrDefaultAsync(ct);
        if (u is null || !scope.HasRoleOver(u.Path, Readers)) throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        return (u.Id, u.Name, u.Path);
    }

    /// <summary>The unit's cadres of the covered tiers (current post holders in its subtree) with the year's letters.</summary>
    public async Task<LetterOverview> OverviewAsync(AccessScope scope, int unitId, int year, CancellationToken ct)
    {
        var unit = await UnitAsync(scope, unitId, ct);
        var scheme = await schemes.RunByAsync(unit.Path, year, ct);
        var required = scheme is not null && scheme.Has(RuleKinds.ResponsibilityLetters);
        var tiers = scheme is null ? ResponsibilityLetter.DefaultTiers : ResponsibilityLetter.Tiers(scheme);
        var (lo, hi) = OrgPath.SubtreeBounds(unit.Path);
        var holders = await db.PostAssignments.AsNoTracking().Where(a => a.To == null && tiers.Contains(a.Post.Tier)
                && string.Compare(a.Post.OrgUnit.Path, lo) >= 0 && string.Compare(a.Post.OrgUnit.Path, hi) < 0)
            .OrderBy(a => a.Post.Tier).ThenBy(a => a.Post.OrgUnit.Path).ThenBy(a => a.PersonId)
            .Select(a => new { a.PersonId, a.Person.Name, Post = a.Post.Name, a.Post.Tier, Unit = a.Post.OrgUnit.Name }).ToListAsync(ct);
        var letters = (await db.ResponsibilityLetters.AsNoTracking()
                .Where(l => l.OrgUnitId == unit.Id && l.Year == year).OrderByDescending(l => l.Id).ToListAsync(ct))
            .GroupBy(l => l.PersonId).ToDictionary(g => g.Key, g => Dto(g.First()));
        var cadres = holders.DistinctBy(h => h.PersonId)
            .Select(h => new CadreDto(h.PersonId, h.Name, h.Post, h.Tier, h.Unit, letters.GetValueOrDefault(h.PersonId)))
            .ToList();
        return new LetterOverview(unit.Name, year, scheme?.Name, required, required ? ResponsibilityLetter.Deadline(scheme!, year) : null, cadres);
    }

    public static LetterDto Dto(ResponsibilityLetter l) =>
        new(l.Id, l.PersonId, l.PersonName, l.PostName, l.Year, l.Duties, l.IssuedBy, l.SignedOn, l.RecordedBy, l.RecordedAt);

    /// <summary>What the letter holds unless the office writes otherwise: the post's 廉政职责 and the person's risk points of the year.</summary>
    public async Task<string> DraftDutiesAsync(int personId, int year, CancellationToken ct)
    {
        var post = await db.PostAssignments.AsNoTracking().Where(a => a.PersonId == personId && a.To == null)
            .Select(a => new { a.Post.Name, a.Post.IntegrityDuties, a.Post.Duties }).FirstOrDefaultAsync(ct);
        var points = await db.RiskPoints.AsNoTracking().Where(p => p.List.HolderPersonId == personId && p.List.Campaign.Year == year)
            .OrderBy(p => p.Seq).Select(p => p.Description).Take(20).ToListAsync(ct);
        var lines = new List<string> { "一、严格执行“一岗双责”，对职责范围内的党风廉政建设负直接领导责任。" };
        if (post?.IntegrityDuties is { Length: > 0 } d) lines.Add($"二、廉政职责：{d}");
        else if (post?.Duties is { Length: > 0 } duties) lines.Add($"二、业务职责及其廉政要求：{duties}");
        if (points.Count > 0) lines.Add($"三、落实本岗位廉政风险点的防控措施：{string.Join("；", points)}。");
        lines.Add("四、公开承诺，主动接受群众监督。");
        return string.Join("\n", lines);
    }

    public async Task<ResponsibilityLetter> RecordAsync(AccessScope scope, int unitId, LetterRequest req, CancellationToken ct)
    {
        var unit = await UnitAsync(scope, unitId, ct);
        if (!scope.HasRoleOver(unit.Path, Keepers)) throw DomainException.Forbidden("责任书由本单位党办（或主要负责人）登记");
        var (lo, hi) = OrgPath.SubtreeBounds(unit.Path);
        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == req.PersonId && string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
            .Select(p => new
            {
                p.Id,
                p.Name,
                Post = db.PostAssignments.Where(a => a.PersonId == p.Id && a.To == null).Select(a => a.Post.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct) ?? throw new DomainException("personId", $"请选择{unit.Name}的人员");
        var letter = new ResponsibilityLetter(unit.Id, person.Id, person.Name, person.Post ?? "", req.Year ?? time.Today().Year, req.Duties,
            req.IssuedBy, req.SignedOn, await me.DisplayNameAsync(ct), time.Today(), time.UtcNow());
        db.ResponsibilityLetters.Add(letter);
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([WarningRules.LetterDue], ct, unit.Path);
        return letter;
    }

    /// <summary>The letter as a printable 责任书 (Word, Excel or PDF) for the two signatures on paper.</summary>
    public async Task<ExportFile> ExportAsync(AccessScope scope, long id, string? format, CancellationToken ct)
    {
        var l = await db.ResponsibilityLetters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var unit = l is null ? null : await db.OrgUnits.AsNoTracking().Where(u => u.Id == l.OrgUnitId).Select(u => new { u.Name, u.Path }).FirstAsync(ct);
        if (l is null || !(scope.HasRoleOver(unit!.Path, Readers) || scope.PersonId == l.PersonId))
            throw DomainException.NotFound("id", "责任书不存在或不在您的权限范围内");
        var rows = l.Duties.Split('\n').Select(line => new Office.FormRow([line])).ToList();
        var doc = new Office.FormDocument($"{l.Year}年度党风廉政建设责任书", false, [("单位", unit!.Name), ("年度", $"{l.Year}年")],
            [("责任人", l.PersonName), ("岗位", l.PostName)], new Office.FormTable([new Office.FormColumn(null, "责任内容", 1)], rows), [],
            [$"单位领导（签字）：{l.IssuedBy}", $"责任人（签字）：{l.PersonName}", $"签订日期：{l.SignedOn:yyyy年M月d日}"],
            ["本责任书一式两份，单位党办和责任人各执一份；责任落实情况纳入年度考核和廉政档案。"], $"{unit.Name}·{l.PersonName}·{l.Year}年党风廉政建设责任书");
        return await renderer.RenderAsync(doc, OfficeRenderer.Format(format), ct);
    }
}

internal sealed class ResponsibilityLetterConfiguration : IEntityTypeConfiguration<ResponsibilityLetter>
{
    public void Configure(EntityTypeBuilder<ResponsibilityLetter> b)
    {
        b.Property(l => l.PersonName).HasMaxLength(50);
        b.Property(l => l.PostName).HasMaxLength(100);
        b.Property(l => l.Duties).HasMaxLength(4000);
        b.Property(l => l.IssuedBy).HasMaxLength(50);
        b.Property(l => l.RecordedBy).HasMaxLength(100);
        b.HasIndex(l => new { l.OrgUnitId, l.Year });
        b.HasIndex(l => l.PersonId);
    }
}

public static class LettersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("党风廉政建设责任书");
        g.MapGet("/org-units/{id:int}/responsibility-letters",
                async (int id, int? year, CurrentUser me, LetterCommands cmd, TimeProvider time, CancellationToken ct) =>
                    await cmd.OverviewAsync(await me.ScopeAsync(ct), id, year ?? time.Today().Year, ct))
            .WithSummary("单位（含下属处室）规定层面岗位的干部及其当年责任书签订情况（方案规定 ResponsibilityLetters 时 required 为 true，并给出截止日期）")
            .ProducesProblem(404);
        g.MapPost("/org-units/{id:int}/responsibility-letters", async (int id, LetterRequest req, CurrentUser me, LetterCommands cmd, CancellationToken ct) =>
            {
                var l = await cmd.RecordAsync(await me.ScopeAsync(ct), id, req, ct);
                return TypedResults.Created($"/api/v1/responsibility-letters/{l.Id}/export", LetterCommands.Dto(l));
            })
            .WithSummary("登记已签订的责任书（本单位党办或主要负责人）：personId、year、duties 责任内容、issuedBy 签订领导、signedOn 签订日期")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/responsibility-letters/{id:long}/export", async (long id, string? format, CurrentUser me, LetterCommands cmd, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await cmd.ExportAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithSummary("导出责任书（docx、xlsx 或 pdf），供双方签字存档").ProducesProblem(404);
    }
}
