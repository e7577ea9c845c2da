using Lianfang.Core.Access;
using Lianfang.Core.Assessments;
using Lianfang.Web.Features.Register;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Assessments;

public sealed record ItemInput(int? Score, string? Gap, string? Note);
public sealed record AssessmentRequest(int? OrgUnitId, int? Year, AssessmentKind? Kind, int? Quarter, List<ItemInput>? Items);
public sealed record AssessmentDto(long Id, int OrgUnitId, string OrgUnit, int Year, AssessmentKind Kind, int? Quarter, int Score, int MaxScore, string? Grade,
    IReadOnlyList<AssessmentItem> Items, string AssessedBy, DateTime AssessedAt);

/// <summary>考核: the unit assesses itself each quarter; the commission (or the agency) grades it each year.</summary>
public sealed class AssessmentCommands(AppDbContext db, CurrentUser me, Forms.ExportForms export, Schemes.SchemeStore schemes, Supervision.WarningSweep sweep)
{
    public static readonly Role[] SelfAssessors = [Role.PartyOffice, Role.Principal];
    public static readonly Role[] Assessors = [Role.Commission, Role.Agency, Role.Admin];

    /// <summary>The unit's party office or principal checks it each quarter; the commission or agency grades it each year.</summary>
    public static bool MayRecord(AccessScope scope, string unitPath, AssessmentKind kind) =>
        scope.IsSystemAdmin || scope.HasRoleOver(unitPath, kind == AssessmentKind.Quarterly ? SelfAssessors : Assessors);

    /// <summary>Whether the user deals with assessments anywhere (the menu entry).</summary>
    public static bool MayOpen(AccessScope scope) => scope.IsSystemAdmin || scope.Grants.Any(g => SelfAssessors.Contains(g.Role) || Assessors.Contains(g.Role));

    public IQueryable<Assessment> Visible(AccessScope scope) => scope.IsSystemAdmin ? db.Assessments.AsNoTracking()
        : db.Assessments.AsNoTracking().Under(scope.PrefixesFor([.. SelfAssessors, .. Assessors]), a => a.OrgUnit.Path);

    public static AssessmentDto Dto(Assessment a, string unit) =>
        new(a.Id, a.OrgUnitId, unit, a.Year, a.Kind, a.Quarter, a.Score, a.MaxScore, a.Grade, a.Items, a.AssessedBy, a.AssessedAt);

    public async Task<Assessment> RecordAsync(AccessScope scope, AssessmentRequest req, CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().Visible(scope).Where(u => u.Id == req.OrgUnitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        var kind = req.Kind ?? throw new DomainException("kind", "请选择 Quarterly（季度自查）或 Annual（年度考核）");
        if (!MayRecord(scope, unit.Path, kind)) throw DomainException.Forbidden(kind == AssessmentKind.Quarterly ? "季度自查由本单位党办或主要负责人填报" : "年度考核由纪委监委或派驻机构评定");
        var inputs = req.Items ?? [];
        if (inputs.Count != Assessment.DefaultCriteria.Count)
            throw new DomainException("items", $"请按 {Assessment.DefaultCriteria.Count} 项考核标准逐项评分");
        var items = Assessment.DefaultCriteria.Select((c, i) => new AssessmentItem(c, 25, inputs[i].Score, inputs[i].Gap, inputs[i].Note)).ToList();
        var scheme = await SchemeOfAsync(unit.Path, ct);
        var grades = scheme is null ? null : Assessment.GradesOf(Core.Schemes.RuleKinds.RuleList(scheme, Core.Schemes.RuleKinds.AssessmentGrades, "grades"),
            Core.Schemes.RuleKinds.RuleList(scheme, Core.Schemes.RuleKinds.AssessmentGrades, "thresholds"));
        var a = new Assessment(unit.Id, req.Year ?? Clock.Today.Year, kind, req.Quarter, items, await me.DisplayNameAsync(ct), Clock.Today, grades);
        db.Assessments.Add(a);
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([Core.Supervision.WarningRules.SelfAssessmentDue, Core.Supervision.WarningRules.AssessmentDue], ct, unit.Path);
        return a;
    }

    /// <summary>The scheme the unit runs: that of the latest campaign over it.</summary>
    private async Task<Core.Schemes.Scheme?> SchemeOfAsync(string unitPath, CancellationToken ct)
    {
        var chain = Core.Org.OrgPath.AncestorsOrSelf(unitPath);
        var code = await db.Campaigns.Where(c => db.OrgUnits.Any(u => u.Id == c.RootOrgUnitId && chain.Contains(u.Path)))
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Select(c => c.SchemeCode).FirstOrDefaultAsync(ct);
        return code is null ? null : await schemes.FindAsync(code, ct);
    }

    /// <summary>The 表彰 of a unit graded as the scheme's AssessmentFollowUp rule commends (003: 优秀), as a Word document.</summary>
    public async Task<Forms.ExportFile> CommendationAsync(AccessScope scope, long id, string? format, CancellationToken ct)
    {
        var a = await Visible(scope).Include(x => x.OrgUnit).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw DomainException.NotFound("id", "考核记录不存在或不在您的权限范围内");
        var scheme = await SchemeOfAsync(a.OrgUnit.Path, ct);
        var commend = (scheme is null ? null : Core.Schemes.RuleKinds.Rule(scheme, Core.Schemes.RuleKinds.AssessmentFollowUp))?.Parameters.GetValueOrDefault("commend")
            ?? throw DomainException.Conflict("grade", "本单位执行的方案没有考核表彰的规定");
        var text = a.Commendation(a.OrgUnit.Name, commend);
        var rows = text.Split('\n').Skip(1).Select(l => new Forms.FormRow([l])).ToList();
        var doc = new Forms.FormDocument("廉政风险防范管理考核表彰通报", false, [("致", a.OrgUnit.Name)], [],
            new Forms.FormTable([new Forms.FormColumn(null, "通报内容", 1)], rows), [], [$"廉政风险防范管理工作领导小组　　{Clock.Today:yyyy年M月d日}"], [], $"{a.OrgUnit.Name}·{a.Year}年度考核表彰");
        return await export.RenderAsync(doc, Forms.ExportForms.Format(format), ct);
    }

    /// <summary>The 整改通知 of a 不及格 grade as a Word document.</summary>
    public async Task<Forms.ExportFile> NoticeAsync(AccessScope scope, long id, string? format, CancellationToken ct)
    {
        var a = await Visible(scope).Include(x => x.OrgUnit).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw DomainException.NotFound("id", "考核记录不存在或不在您的权限范围内");
        var text = a.RectificationNotice(a.OrgUnit.Name);
        var rows = text.Split('\n').Skip(1).Select(l => new Forms.FormRow([l])).ToList();
        var doc = new Forms.FormDocument("廉政风险防范管理考核整改通知", false, [("致", a.OrgUnit.Name)], [],
            new Forms.FormTable([new Forms.FormColumn(null, "通知内容", 1)], rows), [], [$"廉政风险防范管理工作领导小组办公室　　{Clock.Today:yyyy年M月d日}"], [], $"{a.OrgUnit.Name}·{a.Year}年度考核整改通知");
        return await export.RenderAsync(doc, Forms.ExportForms.Format(format), ct);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Grade).HasMaxLength(8);
        b.Property(a => a.AssessedBy).HasMaxLength(100);
        b.Property(a => a.Items).AsJson();
        b.Ignore(a => a.NeedsRectification);
        b.HasOne(a => a.OrgUnit).WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.OrgUnitId, a.Year });
    }
}

public static class AssessmentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/assessments").WithTags("考核");
        g.MapPost("", async (AssessmentRequest req, CurrentUser me, AssessmentCommands cmd, AppDbContext db, CancellationToken ct) =>
        {
            var a = await cmd.RecordAsync(await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/assessments/{a.Id}", new { id = a.Id, a.Score, a.MaxScore, a.Grade, needsRectification = a.NeedsRectification });
        }).WithSummary("登记考核：Quarterly 季度自查（党办、主要负责人，失分项须写差距分析）或 Annual 年度考核（纪委监委、派驻机构评分定等次），items 按 4 项考核标准各 25 分")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("", async (int? orgUnitId, int? year, CurrentUser me, AssessmentCommands cmd, CancellationToken ct) =>
        {
            var q = cmd.Visible(await me.ScopeAsync(ct));
            if (orgUnitId is { } u) q = q.Where(a => a.OrgUnitId == u);
            if (year is { } y) q = q.Where(a => a.Year == y);
            return (await q.OrderByDescending(a => a.Year).ThenByDescending(a => a.AssessedAt).Take(500).Select(a => new { a, Unit = a.OrgUnit.Name }).ToListAsync(ct))
                .Select(x => AssessmentCommands.Dto(x.a, x.Unit));
        }).WithSummary("考核历史（本单位党办、主要负责人，派驻机构，纪委监委可见）");
        g.MapGet("/{id:long}/notice", async (long id, string? format, CurrentUser me, AssessmentCommands cmd, CancellationToken ct) =>
                await Forms.FormsApi.FileAsync(async () => await cmd.NoticeAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithSummary("“不及格”单位的整改通知（docx、xlsx 或 pdf）").ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/{id:long}/commendation", async (long id, string? format, CurrentUser me, AssessmentCommands cmd, CancellationToken ct) =>
                await Forms.FormsApi.FileAsync(async () => await cmd.CommendationAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithSummary("方案规定表彰等次（003：优秀）单位的表彰通报（docx、xlsx 或 pdf）").ProducesProblem(404).ProducesProblem(409);
    }
}
