using Lianfang.Core.Access;
using Lianfang.Core.Assessments;
using Lianfang.Core.Schemes;
using Lianfang.Web.Office;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianfang.Web.Features.Assessments;

public sealed record ItemInput(int? Score, string? Gap, string? Note);
public sealed record WithdrawRequest(string? Reason);
/// <param name="PostId">under a scheme assessing posts (002 年终考核), the post evaluated</param>
public sealed record AssessmentRequest(int? OrgUnitId, int? Year, AssessmentKind? Kind, int? Quarter, List<ItemInput>? Items, int? PostId = null);
public sealed record AssessmentDto(long Id, int OrgUnitId, string OrgUnit, int Year, AssessmentKind Kind, int? Quarter, int Score, int MaxScore, string? Grade,
    IReadOnlyList<AssessmentItem> Items, string AssessedBy, DateTime AssessedAt, int? PostId, string? Post, int? PersonId, string? Person,
    DateTime? WithdrawnAt = null, string? WithdrawnBy = null, string? WithdrawReason = null);

/// <summary>What a unit's scheme assesses (its standards, of the unit or of each post, by whom), or why nothing.</summary>
public sealed record AssessmentPlan(Core.Schemes.Scheme? Scheme, Core.Schemes.AssessmentDef? Def)
{
    public bool Quarterly => Scheme is not null && Scheme.Has(Core.Schemes.RuleKinds.QuarterlySelfAssessment);
    public bool OfPosts => Def?.Of == Core.Schemes.ListScope.Post;
    public bool ByGroup => Def?.By == Core.Schemes.StageActor.LeadingGroup;
}

/// <summary>
/// 考核 as the unit's scheme states it: 003 the unit checks itself each quarter and the commission grades it each year;
/// 002 the 领导小组 evaluates each post at year end.
/// </summary>
public sealed class AssessmentCommands(AppDbContext db, CurrentUser me, OfficeRenderer renderer, Schemes.SchemeStore schemes, Supervision.WarningSweep sweep,
    Reviewers reviewers, TimeProvider time)
{
    public static readonly Role[] SelfAssessors = [Role.PartyOffice, Role.Principal];
    public static readonly Role[] Assessors = [Role.Commission, Role.Agency];

    /// <summary>
    /// Who records: the unit's party office or principal its quarterly self-check; the commission or agency the annual grade;
    /// under a scheme whose 领导小组 evaluates (002), its head, deputy or office — never for their own post.
    /// </summary>
    public static bool MayRecord(
        AccessScope scope, string unitPath, AssessmentKind kind, AssessmentPlan plan, IReadOnlyList<Core.Review.LeadingGroupMember> group) =>
        kind == AssessmentKind.Quarterly ? scope.HasRoleOver(unitPath, SelfAssessors)
        : plan.ByGroup ? scope.PersonId is { } p && group.Any(m => m.PersonId == p && m.Duty != Core.Review.GroupDuty.Member)
        : scope.HasRoleOver(unitPath, Assessors);

    /// <summary>What the scheme lets be recorded at all: its assessment, and a quarterly self-check only where it states one.</summary>
    public static bool Stated(AssessmentPlan plan, AssessmentKind kind) => plan.Def is not null && (kind == AssessmentKind.Annual || plan.Quarterly);

    /// <summary>Whether the user deals with assessments anywhere (the menu entry).</summary>
    public static bool MayOpen(AccessScope scope) => scope.Grants.Any(g => SelfAssessors.Contains(g.Role) || Assessors.Contains(g.Role));

    /// <summary>Assessments over the units where the user assesses, checks itself, or sits on the 领导小组 (its head, deputy, office).</summary>
    public async Task<IQueryable<Assessment>> VisibleAsync(AccessScope scope, CancellationToken ct)
    {
        var groups = (await GroupUnitsAsync(scope, ct)).Select(u => u.Path);
        return db.Assessments.AsNoTracking().Under([.. scope.PrefixesFor([.. SelfAssessors, .. Assessors]), .. groups], a => a.OrgUnit.Path);
    }

    /// <summary>The units on whose 领导小组 the user sits as head, deputy or office: they evaluate there without a role of their own.</summary>
    public async Task<List<(int Id, string Name, string Path)>> GroupUnitsAsync(AccessScope scope, CancellationToken ct) =>
        scope.PersonId is { } p
            ? (await db.LeadingGroupMembers.Where(m => m.PersonId == p && m.Duty != Core.Review.GroupDuty.Member)
                .Join(db.OrgUnits, m => m.OrgUnitId, u => u.Id, (m, u) => new { u.Id, u.Name, u.Path }).ToListAsync(ct))
                .Select(u => (u.Id, u.Name, u.Path)).ToList()
            : [];

    public static AssessmentDto Dto(Assessment a, string unit) =>
        new(a.Id, a.OrgUnitId, unit, a.Year, a.Kind, a.Quarter, a.Score, a.MaxScore, a.Grade, a.Items, a.AssessedBy, a.AssessedAt,
            a.PostId, a.PostName, a.PersonId, a.PersonName, a.WithdrawnAt, a.WithdrawnBy, a.WithdrawReason);

    public async Task<Assessment> RecordAsync(AccessScope scope, AssessmentRequest req, CancellationToken ct)
    {
        var groupUnits = await GroupUnitsAsync(scope, ct);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == req.OrgUnitId).Select(u => new { u.Id, u.Path, u.Name, u.Kind }).FirstOrDefaultAsync(ct);
        if (unit is null || !(groupUnits.Any(g => g.Id == unit.Id) || await db.OrgUnits.Visible(scope).AnyAsync(u => u.Id == unit.Id, ct)))
            throw DomainException.NotFound("orgUnitId", "单位不存在或不在您的权限范围内");
        var kind = req.Kind ?? throw new DomainException("kind", "请选择 Quarterly（季度自查）或 Annual（年度考核）");
        var year = req.Year ?? time.Today().Year;
        var plan = await PlanAsync(unit.Path, year, ct);
        var group = plan.ByGroup ? await reviewers.GroupAsync(unit.Path, ct) : [];
        if (!MayRecord(scope, unit.Path, kind, plan, group))
            throw DomainException.Forbidden(kind == AssessmentKind.Quarterly ? "季度自查由本单位党办或主要负责人填报"
                : plan.ByGroup ? "年终考核由本单位领导小组（组长、副组长或办公室）进行" : "年度考核由纪委监委或派驻机构评定");
        if (plan.Def is not { } def)
            throw DomainException.Conflict("orgUnitId", plan.Scheme is null ? $"{unit.Name}尚未开展排查，不知执行哪个方案的考核标准"
                : $"{unit.Name}执行的方案“{plan.Scheme.Name}”没有考核规定");
        if (!Stated(plan, kind)) throw new DomainException("kind", $"方案“{plan.Scheme!.Name}”没有季度自查的规定");
        AssessedPost? post = null;
        if (plan.OfPosts && kind == AssessmentKind.Annual)
        {
            if (unit.Kind != Core.Org.OrgUnitKind.Unit) throw new DomainException("orgUnitId", "岗位年终考核按单位登记：请选择单位，再选其中的岗位");
            var p = await db.Posts.AsNoTracking().Where(x => x.Id == req.PostId).Select(x => new { x.Id, x.Name, x.OrgUnit.Path }).FirstOrDefaultAsync(ct);
            if (p is null || !Core.Org.OrgPath.IsAncestorOrSelf(unit.Path, p.Path)) throw new DomainException("postId", $"请选择{unit.Name}的岗位");
            var holder = await db.PostAssignments.AsNoTracking().Where(x => x.PostId == p.Id && x.To == null).OrderBy(x => x.Id)
                .Select(x => new { x.Person.Id, x.Person.Name }).FirstOrDefaultAsync(ct);
            if (holder is not null && holder.Id == scope.PersonId) throw DomainException.Forbidden("本人岗位的年终考核由领导小组其他成员进行");
            post = new AssessedPost(p.Id, p.Name, holder?.Id, holder?.Name);
        }
        if (kind == AssessmentKind.Annual && await db.Assessments.AnyAsync(a => a.OrgUnitId == unit.Id && a.Year == year && a.Kind == AssessmentKind.Annual
                && a.PostId == (post == null ? null : post.PostId), ct))
            throw DomainException.Conflict("year", post is null ? $"{unit.Name}{year}年度考核已登记" : $"岗位“{post.PostName}”{year}年的年终考核已登记");
        var items = Assessment.ScoreItems(def, (req.Items ?? []).Select(i => (i.Score, i.Gap, i.Note)).ToList());
        var grades = Assessment.GradesOf(plan.Scheme!.RuleList(Core.Schemes.RuleKinds.AssessmentGrades, "grades"),
            plan.Scheme!.RuleList(Core.Schemes.RuleKinds.AssessmentGrades, "thresholds"));
        var a = new Assessment(unit.Id, year, kind, req.Quarter, items, await me.DisplayNameAsync(ct), time.Today(), time.UtcNow(), grades, post);
        db.Assessments.Add(a);
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([Core.Supervision.WarningRules.SelfAssessmentDue, Core.Supervision.WarningRules.AssessmentDue], ct, unit.Path);
        return a;
    }

    /// <summary>Withdraws a wrong assessment (the one who may record it may), saying why; it is then recorded again.</summary>
    public async Task<Assessment> WithdrawAsync(AccessScope scope, long id, string? reason, CancellationToken ct)
    {
        var a = await db.Assessments.Include(x => x.OrgUnit).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || !await (await VisibleAsync(scope, ct)).AnyAsync(x => x.Id == id, ct)) throw DomainException.NotFound("id", "考核记录不存在或不在您的权限范围内");
        var plan = await PlanAsync(a.OrgUnit.Path, a.Year, ct);
        var group = plan.ByGroup ? await reviewers.GroupAsync(a.OrgUnit.Path, ct) : [];
        if (!MayRecord(scope, a.OrgUnit.Path, a.Kind, plan, group)) throw DomainException.Forbidden("只有有权登记该考核的人可以撤销");
        a.Withdraw(await me.DisplayNameAsync(ct), reason, time.UtcNow());
        await db.SaveChangesAsync(ct);
        await sweep.RunAsync([Core.Supervision.WarningRules.SelfAssessmentDue, Core.Supervision.WarningRules.AssessmentDue], ct, a.OrgUnit.Path);
        return a;
    }

    /// <summary>The scheme the unit ran in <paramref name="year"/> and its assessment: a year is assessed by the standards the unit then worked to.</summary>
    public async Task<AssessmentPlan> PlanAsync(string unitPath, int year, CancellationToken ct)
    {
        var scheme = await schemes.RunByAsync(unitPath, year, ct);
        return new AssessmentPlan(scheme, scheme?.Assessment);
    }

    /// <summary>The 表彰 of a unit graded as the scheme's AssessmentFollowUp rule commends (003: 优秀), as a Word document.</summary>
    public async Task<ExportFile> CommendationAsync(AccessScope scope, long id, string? format, CancellationToken ct)
    {
        var a = await (await VisibleAsync(scope, ct)).Include(x => x.OrgUnit).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw DomainException.NotFound("id", "考核记录不存在或不在您的权限范围内");
        var scheme = (await PlanAsync(a.OrgUnit.Path, a.Year, ct)).Scheme;
        var commend = (scheme is null ? null : Core.Schemes.RuleKinds.Rule(scheme, Core.Schemes.RuleKinds.AssessmentFollowUp))
            ?.Parameters.GetValueOrDefault("commend")
            ?? throw DomainException.Conflict("grade", "本单位执行的方案没有考核表彰的规定");
        var text = a.Commendation(a.OrgUnit.Name, commend);
        var rows = text.Split('\n').Skip(1).Select(l => new Office.FormRow([l])).ToList();
        var doc = new Office.FormDocument("廉政风险防范管理考核表彰通报", false, [("致", a.OrgUnit.Name)], [],
            new Office.FormTable([new Office.FormColumn(null, "通报内容", 1)], rows), [], [$"廉政风险防范管理工作领导小组　　{time.Today():yyyy年M月d日}"], [],
            $"{a.OrgUnit.Name}·{a.Year}年度考核表彰");
        return await renderer.RenderAsync(doc, OfficeRenderer.Format(format), ct);
    }

    /// <summary>The 整改通知 of a 不及格 grade as a Word document.</summary>
    public async Task<ExportFile> NoticeAsync(AccessScope scope, long id, string? format, CancellationToken ct)
    {
        var a = await (await VisibleAsync(scope, ct)).Include(x => x.OrgUnit).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw DomainException.NotFound("id", "考核记录不存在或不在您的权限范围内");
        var text = a.RectificationNotice(a.OrgUnit.Name);
        var rows = text.Split('\n').Skip(1).Select(l => new Office.FormRow([l])).ToList();
        var doc = new Office.FormDocument("廉政风险防范管理考核整改通知", false, [("致", a.OrgUnit.Name)], [],
            new Office.FormTable([new Office.FormColumn(null, "通知内容", 1)], rows), [], [$"廉政风险防范管理工作领导小组办公室　　{time.Today():yyyy年M月d日}"], [],
            $"{a.OrgUnit.Name}·{a.Year}年度考核整改通知");
        return await renderer.RenderAsync(doc, OfficeRenderer.Format(format), ct);
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
        b.Property(a => a.PostName).HasMaxLength(100);
        b.Property(a => a.WithdrawnBy).HasMaxLength(100);
        b.Property(a => a.WithdrawReason).HasMaxLength(500);
        // a withdrawn assessment counts nowhere (grades, reminders, files); the history shows it struck out
        b.HasQueryFilter(a => a.WithdrawnAt == null);
        b.Property(a => a.PersonName).HasMaxLength(50);
        b.HasIndex(a => new { a.OrgUnitId, a.Year });
        b.HasIndex(a => a.PersonId);
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
            return TypedResults.Created($"/api/v1/assessments/{a.Id}",
                new { id = a.Id, a.Score, a.MaxScore, a.Grade, needsRectification = a.NeedsRectification });
        }).WithSummary("登记考核：items 按单位执行方案的考核标准逐项评分（GET /schemes/{code} 的 assessment.criteria）。" +
            "Quarterly 季度自查（方案有此规定时，党办、主要负责人，失分项须写差距分析）；" +
            "Annual 年度考核（纪委监委、派驻机构评分定等次；方案由领导小组考核岗位时（002）由领导小组组长、副组长或办公室对 postId 岗位进行年终考核）；" +
            "同一单位（岗位）同一年度只登记一次")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapGet("", async (int? orgUnitId, int? year, CurrentUser me, AssessmentCommands cmd, CancellationToken ct) =>
        {
            var q = await cmd.VisibleAsync(await me.ScopeAsync(ct), ct);
            if (orgUnitId is { } u) q = q.Where(a => a.OrgUnitId == u);
            if (year is { } y) q = q.Where(a => a.Year == y);
            return (await q.OrderByDescending(a => a.Year).ThenByDescending(a => a.AssessedAt).Take(500)
                    .Select(a => new { a, Unit = a.OrgUnit.Name }).ToListAsync(ct))
                .Select(x => AssessmentCommands.Dto(x.a, x.Unit));
        }).WithSummary("考核历史（本单位党办、主要负责人，派驻机构，纪委监委可见）");
        g.MapPost("/{id:long}/withdraw", async (long id, WithdrawRequest req, CurrentUser me, AssessmentCommands cmd, CancellationToken ct) =>
            {
                var a = await cmd.WithdrawAsync(await me.ScopeAsync(ct), id, req.Reason, ct);
                return new { id = a.Id, withdrawnAt = a.WithdrawnAt, reason = a.WithdrawReason };
            })
            .WithSummary("撤销登记有误的考核（有权登记者），reason 必填；撤销后不再计入等次、提醒和档案，可重新登记")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/{id:long}/notice", async (long id, string? format, CurrentUser me, AssessmentCommands cmd, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await cmd.NoticeAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithSummary("“不及格”单位的整改通知（docx、xlsx 或 pdf）").ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/{id:long}/commendation", async (long id, string? format, CurrentUser me, AssessmentCommands cmd, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () => await cmd.CommendationAsync(await me.ScopeAsync(ct), id, format, ct)))
            .WithSummary("方案规定表彰等次（003：优秀）单位的表彰通报（docx、xlsx 或 pdf）").ProducesProblem(404).ProducesProblem(409);
    }
}
