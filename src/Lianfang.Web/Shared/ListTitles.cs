using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Web.Shared;

/// <summary>A list as people name it: "财务处 · 会计 · 王芳（岗位清单）".</summary>
public static class ListTitles
{
    public sealed record Row(int Id, int CampaignId, string Campaign, DateOnly Deadline, ListScope Scope, string Unit, string? Post, string? Holder,
        int Points, ListStatus Status, string? Stage, int OrgUnitId)
    {
        public string Title => string.Join(" · ", new[] { Unit, Post, Holder }.Where(s => !string.IsNullOrEmpty(s))) + $"（{Scope.Label()}清单）";
    }

    public static Task<List<Row>> QueryAsync(AppDbContext db, IQueryable<RiskList> lists, CancellationToken ct) =>
        lists.AsNoTracking().OrderBy(l => l.OrgUnit.Path).ThenBy(l => l.Scope).ThenBy(l => l.Id)
            .Select(l => new Row(l.Id, l.CampaignId, l.Campaign.Name, l.Campaign.Deadline, l.Scope, l.OrgUnit.Name,
                db.Posts.Where(p => p.Id == l.PostId).Select(p => p.Name).FirstOrDefault(),
                db.People.Where(p => p.Id == l.HolderPersonId).Select(p => p.Name).FirstOrDefault(),
                db.RiskPoints.Count(p => p.ListId == l.Id), l.Status, l.Stage, l.OrgUnitId))
            .ToListAsync(ct);
}
