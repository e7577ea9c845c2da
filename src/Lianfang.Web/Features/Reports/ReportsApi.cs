using Lianfang.Core.Reports;
using Lianfang.Web.Features.Forms;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.Reports;

public sealed record CellCount(string CategoryCode, string LevelCode, int Count);
public sealed record SummaryRowDto(string Label, int Participants, int Points, IReadOnlyList<CellCount> ByCategoryAndLevel, int Measures,
    int SupervisionMethods, int NewSystems, int RevisedSystems);
public sealed record YearOverYear(int CampaignId, int Year, int Points, IReadOnlyList<CellCount> ByCategoryAndLevel);
public sealed record SummaryDto(int OrgUnitId, string OrgUnit, int CampaignId, int Year, IReadOnlyList<CellCount> ByCategoryAndLevel, int Points,
    int Participants, IReadOnlyList<SummaryRowDto> Rows, YearOverYear? Previous);

public static class ReportsApi
{
    private static List<CellCount> Cells(SummaryTable t, SummaryRow r) =>
        [.. from c in t.Categories from l in t.Levels select new CellCount(c.Code, l.Code, r.Count(c.Code, l.Code))];

    /// <summary>
    /// The 汇总表 figures for a subtree and campaign, with last year's (the campaign it carried forward from, or the previous year's over
    /// the same root).
    /// </summary>
    public static async Task<SummaryDto> SummaryAsync(
        AppDbContext db, ExportForms export, Lianfang.Core.Access.AccessScope scope, int? orgUnitId, int? campaignId, CancellationToken ct)
    {
        var (unit, _, table) = await export.SummaryTableAsync(scope, orgUnitId, campaignId, ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var previousId = campaign.CarriedFromId ?? await db.Campaigns.AsNoTracking()
            .Where(c => c.RootOrgUnitId == campaign.RootOrgUnitId && c.Year < campaign.Year)
            .OrderByDescending(c => c.Year)
            .Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(ct);
        YearOverYear? previous = null;
        if (previousId is { } pid)
        {
            var (_, _, before) = await export.SummaryTableAsync(scope, unit.Id, pid, ct);
            var year = await db.Campaigns.Where(c => c.Id == pid).Select(c => c.Year).SingleAsync(ct);
            previous = new YearOverYear(pid, year, before.Total.Points, Cells(before, before.Total));
        }
        return new SummaryDto(unit.Id, unit.Name, campaign.Id, campaign.Year, Cells(table, table.Total), table.Total.Points, table.Total.Participants,
            table.Rows.Select(r => new SummaryRowDto(r.Label, r.Participants, r.Points, Cells(table, r), r.Measures, r.SupervisionMethods,
                r.NewSystems, r.RevisedSystems)).ToList(),
            previous);
    }

    /// <summary>This year against last, per category × level, as a Word/Excel/PDF table.</summary>
    public static async Task<ExportFile> CompareAsync(AppDbContext db, ExportForms export, OfficeRenderer renderer, SchemeStore schemes,
        Lianfang.Core.Access.AccessScope scope, int? orgUnitId, int? campaignId, string? format, CancellationToken ct)
    {
        var f = OfficeRenderer.Format(format);
        var s = await SummaryAsync(db, export, scope, orgUnitId, campaignId, ct);
        var scheme = await schemes.GetAsync(await db.Campaigns.Where(c => c.Id == s.CampaignId).Select(c => c.SchemeCode).SingleAsync(ct), ct);
        var levels = scheme.Levels.OrderBy(l => l.Rank).ToList();
        int Now(string c, string l) => s.ByCategoryAndLevel.FirstOrDefault(x => x.CategoryCode == c && x.LevelCode == l)?.Count ?? 0;
        int Before(string c, string l) => s.Previous?.ByCategoryAndLevel.FirstOrDefault(x => x.CategoryCode == c && x.LevelCode == l)?.Count ?? 0;
        string Cell(int now, int before) => s.Previous is null ? now.ToString() : $"{now}（{(now - before >= 0 ? "+" : "")}{now - before}）";
        var rows = scheme.Categories.Select(c => new FormRow([c.Name, .. levels.Select(l => Cell(Now(c.Code, l.Code), Before(c.Code, l.Code))),
            Cell(levels.Sum(l => Now(c.Code, l.Code)), levels.Sum(l => Before(c.Code, l.Code)))])).ToList();
        rows.Add(new FormRow(["合计",
            .. levels.Select(l => Cell(scheme.Categories.Sum(c => Now(c.Code, l.Code)), scheme.Categories.Sum(c => Before(c.Code, l.Code)))),
            Cell(s.Points, s.Previous?.Points ?? 0)], RowKind.Total));
        var columns = new List<FormColumn> { new(null, "风险类别", 3) };
        columns.AddRange(levels.Select(l => new FormColumn(null, l.Name, 1.5, Center: true)));
        columns.Add(new FormColumn(null, "合计", 1.5, Center: true));
        var title = $"廉政风险点年度对比（{s.Year}年" + (s.Previous is { } p ? $"与{p.Year}年）" : "）");
        var notes = s.Previous is null ? new[] { "没有上一年度的排查可对比。" } : ["括号内为与上一年度相比的增减。"];
        var doc = new FormDocument(title, false, [("单位", s.OrgUnit)], [], new FormTable(columns, rows), [], [], notes, $"{s.OrgUnit}·{title}");
        return await renderer.RenderAsync(doc, f, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/reports/summary", async (int? orgUnitId, int? campaignId, CurrentUser me, AppDbContext db, ExportForms export, CancellationToken ct) =>
                await SummaryAsync(db, export, await me.ScopeAsync(ct), orgUnitId, campaignId, ct))
            .WithTags("报表").WithSummary("汇总表数字（只计已审定、已公示的清单）：机构子树在一次排查中各类别各等级风险点数、参与人数（写并签了清单的本人及各环节签字人）、逐单位分行，以及上一年度对比")
            .ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/reports/compare/export", async (int? orgUnitId, int? campaignId, string? format, CurrentUser me, AppDbContext db, ExportForms export,
                OfficeRenderer renderer, SchemeStore schemes, CancellationToken ct) =>
                await FileEndpoints.FileAsync(async () =>
                    await CompareAsync(db, export, renderer, schemes, await me.ScopeAsync(ct), orgUnitId, campaignId, format, ct)))
            .WithTags("报表").WithSummary("年度对比表（各类别各等级风险点数及与上一年度的增减），docx、xlsx 或 pdf")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(501);
    }
}
