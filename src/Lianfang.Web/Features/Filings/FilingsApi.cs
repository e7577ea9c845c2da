namespace Lianfang.Web.Features.Filings;

public sealed record FilingDto(long Id, long RiskPointId, int ListId, int CampaignId, int OrgUnitId, string OrgUnit, string CategoryCode, string LevelCode,
    string Description, DateTime FiledAt);

/// <summary>备案: the points and forms filed with the commission when a list is approved (the filing itself is done by the review).</summary>
public static class FilingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/filings", async (int? orgUnitId, int? campaignId, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            await FilingQueries.Query(db, await me.ScopeAsync(ct), orgUnitId, campaignId).Take(1000)
                .Select(f => new FilingDto(f.Id, f.RiskPointId, f.ListId, f.CampaignId, f.OrgUnitId, f.OrgUnit.Name, f.CategoryCode, f.LevelCode,
                    f.Description, f.FiledAt))
                .ToListAsync(ct))
            .WithTags("审核与签字").WithSummary("备案登记：重要/一级风险点在清单审定后报纪委监委备案");
        api.MapGet("/form-filings", async (int? orgUnitId, int? campaignId, CurrentUser me, AppDbContext db, CancellationToken ct) =>
            await FilingQueries.Forms(db, await me.ScopeAsync(ct), orgUnitId, campaignId).Take(1000)
                .Select(f => new { f.Id, f.ListId, f.CampaignId, f.OrgUnitId, orgUnit = f.OrgUnit.Name, f.FormCode, f.FormTitle, f.Title, f.FiledAt })
                .ToListAsync(ct))
            .WithTags("审核与签字").WithSummary("报送备案的登记表和汇总表（003：单位和班子成员的登记表、汇总表报县纪委）");
    }
}
