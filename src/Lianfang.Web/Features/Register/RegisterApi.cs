using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Register;

public sealed record MeasureDto(string Text, string? Kind, string? Phase, string? Owner, DateOnly? Due);
public sealed record SupervisionDto(string? Basis, string? Focus, IReadOnlyList<string> Methods);
public sealed record ResponsibleDto(string? Leader, string? Department, IReadOnlyList<string> Persons);
public sealed record RiskPointDto(long Id, int ListId, int Seq, string CategoryCode, string Description, string? Manifestation,
    string LevelCode, string? ApprovedLevelCode, int? PostId, IReadOnlyList<string> Sources, IReadOnlyList<MeasureDto> Measures,
    SupervisionDto Supervision, ResponsibleDto Responsible, int Version, int? PowerId = null, string? FlowStepKey = null, string? Supervisor = null,
    int? Likelihood = null, int? Harm = null, bool ElementsChecked = false);
public sealed record RiskPointInput(string? CategoryCode, string? Description, string? Manifestation, string? LevelCode,
    string? ApprovedLevelCode, int? PostId, List<string>? Sources, List<MeasureDto>? Measures, SupervisionDto? Supervision,
    ResponsibleDto? Responsible, int? Version, int? PowerId = null, string? FlowStepKey = null, int? Likelihood = null, int? Harm = null,
    bool? ElementsChecked = null)
{
    public RiskPointContent ToContent() => new(CategoryCode, Description, Manifestation, LevelCode, ApprovedLevelCode, PostId, Sources,
        Measures?.Select(m => new ControlMeasure(m.Text, m.Kind, m.Phase, m.Owner, m.Due)).ToList(),
        Supervision is null ? null : new SupervisionPath(Supervision.Basis, Supervision.Focus, Supervision.Methods),
        Responsible is null ? null : new Responsible(Responsible.Leader, Responsible.Department, Responsible.Persons),
        PowerId, FlowStepKey, Likelihood, Harm, ElementsChecked);
}
public sealed record ListDto(int Id, int CampaignId, string SchemeCode, ListScope Scope, int OrgUnitId, int? PostId, int? PersonId,
    ListStatus Status, string? Stage, int Version);
public sealed record ListDetailDto(int Id, int CampaignId, string SchemeCode, ListScope Scope, int OrgUnitId, int? PostId, int? PersonId,
    ListStatus Status, string? Stage, int Version, IReadOnlyList<RiskPointDto> RiskPoints);
public sealed record CampaignDto(int Id, string Name, int Year, string SchemeCode, int RootOrgUnitId, DateOnly Deadline, CampaignStatus Status,
    int? CarriedFromId, int Lists);
public sealed record PointChangeDto(ChangeKind Kind, bool LevelChanged, RiskPointDto? Previous, RiskPointDto? Current);

public static class RegisterApi
{
    public static RiskPointDto Dto(RiskPoint p) => new(p.Id, p.ListId, p.Seq, p.CategoryCode, p.Description, p.Manifestation, p.LevelCode,
        p.ApprovedLevelCode, p.PostId, p.Sources, p.Measures.Select(m => new MeasureDto(m.Text, m.Kind, m.Phase, m.Owner, m.Due)).ToList(),
        new SupervisionDto(p.Supervision.Basis, p.Supervision.Focus, p.Supervision.Methods ?? []),
        new ResponsibleDto(p.Responsible.Leader, p.Responsible.Department, p.Responsible.Persons ?? []),
        p.Version, p.PowerId, p.FlowStepKey, p.Supervisor, p.Likelihood, p.Harm, p.ElementsChecked);

    private static ListDto Dto(RiskList l) =>
        new(l.Id, l.CampaignId, l.SchemeCode, l.Scope, l.OrgUnitId, l.PostId, l.HolderPersonId, l.Status, l.Stage, l.Version);

    public static void Map(RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("排查");
        campaigns.MapPost("/", async (OpenCampaignRequest req, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
        {
            var c = await cmd.OpenCampaignAsync(await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/campaigns/{c.Id}", new { id = c.Id });
        }).WithSummary("开展排查：按方案为范围内的岗位/人员、处室、单位生成清单；可延续上次排查的风险点（动态排查）")
            .ProducesProblem(400).ProducesProblem(403);
        campaigns.MapGet("/", async (CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            return await RegisterQuery.Campaigns(db, scope)
                .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
                .Select(c => new CampaignDto(c.Id, c.Name, c.Year, c.SchemeCode, c.RootOrgUnitId, c.Deadline, c.Status, c.CarriedFromId,
                    db.RiskLists.Count(l => l.CampaignId == c.Id))).ToListAsync(ct);
        }).WithSummary("我能看到的排查");
        campaigns.MapPost("/{id:int}/change", async (int id, ChangeCampaignRequest req, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
            {
                var c = await cmd.ChangeCampaignAsync(await me.ScopeAsync(ct), id, req, ct);
                return new { id = c.Id, c.Deadline, c.Status, c.ChangeReason };
            })
            .WithSummary("调整排查截止日期（deadline，须在该年度或次年内）或结束排查（close: true）；reason 必填，连同操作人和时间记入审计日志")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        campaigns.MapGet("/{id:int}/lists", async (int id, CurrentUser me, AppDbContext db, RegisterCommands cmd, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            await cmd.LoadCampaignAsync(scope, id, ct);
            return await db.RiskLists.AsNoTracking().Visible(scope).Where(l => l.CampaignId == id).OrderBy(l => l.OrgUnit.Path).ThenBy(l => l.Id)
                .Select(l => new ListDto(l.Id, l.CampaignId, l.SchemeCode, l.Scope, l.OrgUnitId, l.PostId, l.HolderPersonId, l.Status, l.Stage, l.Version))
                .ToListAsync(ct);
        }).WithSummary("排查生成或包含的清单").ProducesProblem(404);
        campaigns.MapPost("/{id:int}/lists", async (int id, AddListRequest req, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
        {
            var list = await cmd.AddListAsync(await me.ScopeAsync(ct), id, req, ct);
            return TypedResults.Created($"/api/v1/lists/{list.Id}", new { id = list.Id, status = list.Status });
        }).WithSummary("为排查补充一份清单").ProducesProblem(400).ProducesProblem(409);
        campaigns.MapGet("/{id:int}/changes", async (int id, CurrentUser me, AppDbContext db, RegisterCommands cmd, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var campaign = await cmd.LoadCampaignAsync(scope, id, ct);
            return (await Changes.LoadAsync(db, scope, campaign, ct))
                .Select(c => new PointChangeDto(c.Kind, c.LevelChanged,
                    c.Previous is null ? null : Dto(c.Previous), c.Current is null ? null : Dto(c.Current)));
        }).WithSummary("动态排查对比：新增、变更、删除的风险点及等级变化");

        var lists = api.MapGroup("/lists").WithTags("清单与风险点");
        lists.MapGet("/{id:int}", async (int id, CurrentUser me, AppDbContext db, RegisterCommands cmd, CancellationToken ct) =>
        {
            var list = await cmd.LoadListAsync(await me.ScopeAsync(ct), id, ct);
            var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == id).OrderBy(p => p.Seq).ToListAsync(ct);
            return new ListDetailDto(list.Id, list.CampaignId, list.SchemeCode, list.Scope, list.OrgUnitId, list.PostId, list.HolderPersonId,
                list.Status, list.Stage, list.Version, points.Select(Dto).ToList());
        }).ProducesProblem(404);
        lists.MapGet("/{id:int}/risk-points", async (int id, int? page, int? pageSize, string? q, string? categoryCode, string? levelCode,
            PostTier? tier, string? sort, CurrentUser me, AppDbContext db, RegisterCommands cmd, SchemeStore schemes, ReadCache cache,
            CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var list = await cmd.LoadListAsync(scope, id, ct);
            var query = await RegisterQuery.PointsAsync(db, cache, scope,
                new RegisterFilter(ListId: id, Q: q, CategoryCode: categoryCode, LevelCode: levelCode, Tier: tier, Sort: sort),
                await schemes.FindAsync(list.SchemeCode, ct), ct);
            var size = Math.Clamp(pageSize ?? 50, 1, 200);
            var items = await query.Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size).ToListAsync(ct);
            return new Paged<RiskPointDto>(await query.CountAsync(ct), items.Select(Dto).ToList());
        }).WithSummary("清单内的风险点（分页、检索、按类别和等级筛选）");
        lists.MapPost("/{id:int}/risk-points", async (int id, RiskPointInput input, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
        {
            var p = await cmd.AddPointAsync(await me.ScopeAsync(ct), id, input.ToContent(), ct);
            return TypedResults.Created($"/api/v1/lists/{id}/risk-points/{p.Id}", new { id = p.Id });
        }).WithSummary("新增风险点（个人清单只能由本人填写）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        lists.MapPut("/{id:int}/risk-points/{pointId:long}",
            async (int id, long pointId, RiskPointInput input, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
            Dto(await cmd.UpdatePointAsync(await me.ScopeAsync(ct), id, pointId, input.ToContent(), input.Version, ct)))
            .WithSummary("修改风险点").ProducesProblem(400).ProducesProblem(409);
        lists.MapDelete("/{id:int}/risk-points/{pointId:long}", async (int id, long pointId, CurrentUser me, RegisterCommands cmd, CancellationToken ct) =>
        {
            await cmd.DeletePointAsync(await me.ScopeAsync(ct), id, pointId, ct);
            return TypedResults.NoContent();
        }).WithSummary("删除风险点").ProducesProblem(409);

        api.MapGet("/risk-points", async (int? campaignId, int? orgUnitId, string? q, string? categoryCode, string? levelCode, PostTier? tier,
            ListStatus? status, string? sort, int? powerId, int? page, int? pageSize, CurrentUser me, AppDbContext db, SchemeStore schemes,
            ReadCache cache, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            // a campaign's scheme never changes: kept across requests ("" for no such campaign)
            var scheme = campaignId is { } cid
                ? await schemes.FindAsync(await cache.GetAsync($"campaign-scheme:{cid}",
                    async () => await db.Campaigns.Where(c => c.Id == cid).Select(c => c.SchemeCode).FirstOrDefaultAsync(ct) ?? ""), ct)
                : null;
            var filter = new RegisterFilter(campaignId, orgUnitId, null, q, categoryCode, levelCode, tier, status, sort, powerId);
            var query = await RegisterQuery.PointsAsync(db, cache, scope, filter, scheme, ct);
            var size = Math.Clamp(pageSize ?? 50, 1, 200);
            var items = await query.Skip((Math.Max(page ?? 1, 1) - 1) * size).Take(size).ToListAsync(ct);
            // a text search counts up to 1,000 hits: the page comes back without counting a province's every match
            var (total, capped) = await RegisterQuery.CountAsync(cache, scope, filter, query, ct);
            return new SearchPage<RiskPointDto>(total, capped, items.Select(Dto).ToList());
        }).WithTags("清单与风险点").WithSummary("风险登记簿：范围内的风险点，可按机构子树、类别、等级、岗位层面、状态和文字检索；"
            + "文字检索（q）默认按新近排序，total 最多计到 1000，totalCapped 为 true 表示还有更多");
    }
}

/// <summary>动态排查 comparison of a campaign with the one it carried forward from, within the caller's scope.</summary>
public static class Changes
{
    public static async Task<IReadOnlyList<PointChange>> LoadAsync(
        AppDbContext db, Lianfang.Core.Access.AccessScope scope, Campaign campaign, CancellationToken ct)
    {
        if (campaign.CarriedFromId is not { } origin) return [];
        var current = await db.RiskPoints.AsNoTracking().Visible(scope).Where(p => p.CampaignId == campaign.Id).ToListAsync(ct);
        var previous = await db.RiskPoints.AsNoTracking().Visible(scope).Where(p => p.CampaignId == origin).ToListAsync(ct);
        return ScreeningDiff.Compare(previous, current);
    }
}
