using Lianfang.Core.Access;
using Lianfang.Core.Review;

namespace Lianfang.Web.Features.Filings;

public static class FilingQueries
{
    /// <summary>Filings of units in the caller's scope: a commission sees its whole subtree, a unit its own.</summary>
    public static IQueryable<Filing> Query(AppDbContext db, AccessScope scope, int? orgUnitId, int? campaignId)
    {
        var units = db.OrgUnits.InBusinessReach(scope).Select(u => u.Id);
        var q = db.Filings.AsNoTracking().Where(f => units.Contains(f.OrgUnitId));
        if (campaignId is { } c) q = q.Where(f => f.CampaignId == c);
        if (orgUnitId is { } u) q = q.Under([PathOf(db, u)], f => f.OrgUnit.Path);
        return q.OrderByDescending(f => f.FiledAt).ThenBy(f => f.Id);
    }

    /// <summary>Forms filed (FormFiling) by units in the caller's scope.</summary>
    public static IQueryable<FormFiling> Forms(AppDbContext db, AccessScope scope, int? orgUnitId, int? campaignId)
    {
        var units = db.OrgUnits.InBusinessReach(scope).Select(u => u.Id);
        var q = db.FormFilings.AsNoTracking().Where(f => units.Contains(f.OrgUnitId));
        if (campaignId is { } c) q = q.Where(f => f.CampaignId == c);
        if (orgUnitId is { } u) q = q.Under([PathOf(db, u)], f => f.OrgUnit.Path);
        return q.OrderByDescending(f => f.FiledAt).ThenBy(f => f.Id);
    }

    private static string PathOf(AppDbContext db, int orgUnitId) => db.OrgUnits.Where(x => x.Id == orgUnitId).Select(x => x.Path).FirstOrDefault() ?? "~";
}
