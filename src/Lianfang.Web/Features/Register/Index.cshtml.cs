using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Office;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Register;

public sealed class IndexModel(AppDbContext db, CurrentUser me, SchemeStore schemes, OfficeRenderer renderer, ReadCache cache, TimeProvider time) : PageModel
{
    /// <summary>An export holds at most this many rows; a province narrows its filters first.</summary>
    public const int ExportLimit = 10_000;

    public sealed record CampaignOption(int Id, int Year, string Name, string SchemeCode);
    /// <summary>A row of the page: only the columns it shows (the measures and 责任人 are JSON; 监督路径 and the rest stay unread).</summary>
    public sealed record Row(long Id, int ListId, string CategoryCode, string Description, List<ControlMeasure> Measures, string LevelCode,
        Responsible Responsible, string Unit, string? Post, ListStatus Status);
    private sealed record ExportRow(RiskPoint Point, string Unit, string? Post, ListStatus Status);

    public List<CampaignOption> Campaigns { get; private set; } = [];
    public int? CampaignId { get; private set; }
    public Scheme? Scheme { get; private set; }
    public RegisterFilter Filter { get; private set; } = new();
    public UnitSelect Units { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public string? PowerName { get; private set; }

    public async Task OnGetAsync(int? campaignId, int? orgUnitId, string? q, string? categoryCode, string? levelCode, PostTier? tier,
        ListStatus? status, string? sort, int? powerId, bool approved = false, CancellationToken ct = default)
    {
        var query = await FilterAsync(campaignId, orgUnitId, q, categoryCode, levelCode, tier, status, sort, powerId, approved, ct);
        if (query is null) { Pager = new Pager(Request, 50, 0); return; }
        var (total, capped) = await RegisterQuery.CountAsync(cache, await me.ScopeAsync(ct), Filter, query, ct);
        Pager = new Pager(Request, 50, total, capped: capped);
        Rows = await query.Skip(Pager.Skip).Take(Pager.PageSize)
            .Select(p => new Row(p.Id, p.ListId, p.CategoryCode, p.Description, p.Measures, p.ApprovedLevelCode ?? p.LevelCode, p.Responsible,
                p.OrgUnit.Name, p.Post == null ? null : p.Post.Name, p.List.Status)).ToListAsync(ct);
    }

    /// <summary>The rows the filters select, as an Excel sheet (导出 Excel on the register).</summary>
    public async Task<IActionResult> OnGetExportAsync(int? campaignId, int? orgUnitId, string? q, string? categoryCode, string? levelCode, PostTier? tier,
        ListStatus? status, string? sort, int? powerId, bool approved = false, CancellationToken ct = default)
    {
        var query = await FilterAsync(campaignId, orgUnitId, q, categoryCode, levelCode, tier, status, sort, powerId, approved, ct);
        if (query is null) return NotFound();
        var total = await query.CountAsync(ct);
        if (total > ExportLimit) throw new DomainException("q", $"筛选结果共 {total} 条，超过一次导出的上限 {ExportLimit} 条，请按机构、类别或等级缩小范围");
        var rows = await query.Select(p => new ExportRow(p, p.OrgUnit.Name, p.Post == null ? null : p.Post.Name, p.List.Status)).ToListAsync(ct);
        var s = Scheme!;
        var table = new Office.FormTable(
            [new(null, "序号", 0.6, true), new(null, "机构", 1.6), new(null, "岗位", 1.4), new(null, "风险类别", 1.3), new(null, "风险点描述", 3.5),
             new(null, "防控措施", 3.5), new(null, "风险等级", 0.9, true), new(null, "责任领导", 1), new(null, "责任人员", 1.2), new(null, "清单状态", 1, true)],
            rows.Select((r, i) => new Office.FormRow([(i + 1).ToString(), r.Unit, r.Post ?? "", s.Category(r.Point.CategoryCode)?.Name ?? r.Point.CategoryCode,
                r.Point.Description, string.Join("\n", r.Point.Measures.Select((m, k) => $"{k + 1}. {m.Text}")),
                s.Level(r.Point.ApprovedLevelCode ?? r.Point.LevelCode)?.Name ?? "", r.Point.Responsible.Leader ?? "",
                string.Join("、", r.Point.Responsible.Persons ?? []),
                r.Status.Label()])).ToList());
        var campaign = Campaigns.First(c => c.Id == CampaignId);
        var doc = new Office.FormDocument($"风险登记簿（{campaign.Name}）", true,
            [("导出时间", Clock.Local(time.UtcNow()).ToString("yyyy-MM-dd HH:mm")), ("条数", total.ToString())],
            [], table, [], [], [], $"风险登记簿-{campaign.Name}");
        var file = await renderer.RenderAsync(doc, OfficeRenderer.Format("xlsx"), ct);
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<IQueryable<RiskPoint>?> FilterAsync(int? campaignId, int? orgUnitId, string? q, string? categoryCode, string? levelCode, PostTier? tier,
        ListStatus? status, string? sort, int? powerId, bool approved, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        // the pickers change only when something is written: kept across requests (ReadCache)
        Campaigns = await cache.GetAsync($"register-campaigns:{scope.UserId}", () => RegisterQuery.Campaigns(db, scope)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Take(100)
            .Select(c => new CampaignOption(c.Id, c.Year, c.Name, c.SchemeCode)).ToListAsync(ct));
        var campaign = Campaigns.FirstOrDefault(c => c.Id == campaignId) ?? Campaigns.FirstOrDefault();
        CampaignId = campaign?.Id;
        Scheme = await schemes.FindAsync(campaign?.SchemeCode, ct);
        Units = (await cache.GetAsync($"register-units:{scope.UserId}", () => UnitSelect.LoadAsync(db, scope, null, false, ct))) with { Selected = orgUnitId };
        Filter = new RegisterFilter(CampaignId, orgUnitId, null, q, categoryCode, levelCode, tier, status, sort, powerId, approved);
        PowerName = powerId is null ? null : await db.Powers.Where(p => p.Id == powerId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        return campaign is null ? null : await RegisterQuery.PointsAsync(db, cache, scope, Filter, Scheme, ct);
    }
}
