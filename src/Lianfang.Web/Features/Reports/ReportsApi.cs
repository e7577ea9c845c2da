using Lianfang.Core.Reports;
using Lianfang.Web.Features.Forms;

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

    /// <summary>The 汇总表 figures for a subtree and campaign, with last year's (the campaign it carried forward from, or the previous year's over the same root).</summary>
    public static async Task<SummaryDto> SummaryAsync(AppDbContext db, ExportForms export, Lianfang.Core.Access.AccessScope scope, int? orgUnitId, int? campaignId, CancellationToken ct)
    {
        var (unit, _, table) = await export.SummaryTableAsync(scope, orgUnitId, campaignId, ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var previousId = campaign.CarriedFromId ?? await db.Campaigns.AsNoTracking()
            .Where(c => c.RootOrgUnitId == campaign.RootOrgUnitId && c.Year < campaign.Year).OrderByDescending(c => c.Year).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        YearOverYear? previous = null;
        if (previousId is { } pid)
        {
            var (_, _, before) = await export.SummaryTableAsync(scope, unit.Id, pid, ct);
            var year = await db.Campaigns.Where(c => c.Id == pid).Select(c => c.Year).SingleAsync(ct);
            previous = new YearOverYear(pid, year, before.Total.Points, Cells(before, before.Total));
        }
        return new SummaryDto(unit.Id, unit.Name, campaign.Id, campaign.Year, Cells(table, table.Total), table.Total.Points, table.Total.Participants,
            table.Rows.Select(r => new SummaryRowDto(r.Label, r.Participants, r.Points, Cells(table, r), r.Measures, r.SupervisionMethods, r.NewSystems, r.RevisedSystems)).ToList(),
            previous);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/reports/summary", async (int? orgUnitId, int? campaignId, CurrentUser me, AppDbContext db, ExportForms export, CancellationToken ct) =>
                await SummaryAsync(db, export, await me.ScopeAsync(ct), orgUnitId, campaignId, ct))
            .WithTags("报表").WithSummary("汇总表数字：机构子树在一次排查中各类别各等级风险点数、参与人数、逐单位分行，以及上一年度对比")
            .ProducesProblem(400).ProducesProblem(404);
}
