using Lianfang.Core.Access;
using Lianfang.Core.Register;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Campaigns;

public sealed class IndexModel(AppDbContext db, CurrentUser me, SchemeStore schemes) : PageModel
{
    public sealed record Row(
        int Id, string Name, int Year, string Scheme, string Root, DateOnly Deadline, int Lists, int Points, CampaignStatus Status, bool CarriedFrom);
    public sealed record MyList(int Id, string Campaign, string Title, int Points, ListStatus Status, DateOnly Deadline);

    public List<Row> Campaigns { get; private set; } = [];
    public List<MyList> MyLists { get; private set; } = [];
    public bool CanOpen { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        CanOpen = scope.Has(Role.PartyOffice) || scope.Has(Role.Commission);
        var rows = await RegisterQuery.Campaigns(db, scope)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Take(200)
            .Select(c => new
            {
                c.Id, c.Name, c.Year, c.SchemeCode, Root = db.OrgUnits.Where(u => u.Id == c.RootOrgUnitId).Select(u => u.Name).First(), c.Deadline,
                Lists = db.RiskLists.Count(l => l.CampaignId == c.Id), Points = db.RiskPoints.Count(p => p.CampaignId == c.Id), c.Status, c.CarriedFromId,
            }).ToListAsync(ct);
        foreach (var r in rows)
            Campaigns.Add(new Row(r.Id, r.Name, r.Year, (await schemes.FindAsync(r.SchemeCode, ct))?.Name ?? r.SchemeCode, r.Root, r.Deadline,
                r.Lists, r.Points, r.Status, r.CarriedFromId is not null));
        if (scope.PersonId is { } pid)
            MyLists = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.HolderPersonId == pid && l.Campaign.Status == CampaignStatus.Open), ct))
                .Select(l => new MyList(l.Id, l.Campaign, l.Title, l.Points, l.Status, l.Deadline)).ToList();
    }
}
