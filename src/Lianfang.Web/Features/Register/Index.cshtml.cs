using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Register;

public sealed class IndexModel(AppDbContext db, CurrentUser me, SchemeStore schemes) : PageModel
{
    public sealed record CampaignOption(int Id, int Year, string Name, string SchemeCode);
    public sealed record Row(RiskPoint Point, string Unit, string? Post, ListStatus Status);

    public List<CampaignOption> Campaigns { get; private set; } = [];
    public int? CampaignId { get; private set; }
    public Scheme? Scheme { get; private set; }
    public RegisterFilter Filter { get; private set; } = new();
    public UnitSelect Units { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public string? PowerName { get; private set; }

    public async Task OnGetAsync(int? campaignId, int? orgUnitId, string? q, string? categoryCode, string? levelCode, PostTier? tier,
        ListStatus? status, string? sort, int? powerId, CancellationToken ct = default)
    {
        var scope = await me.ScopeAsync(ct);
        Campaigns = await RegisterQuery.Campaigns(db, scope)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).Take(100)
            .Select(c => new CampaignOption(c.Id, c.Year, c.Name, c.SchemeCode)).ToListAsync(ct);
        var campaign = Campaigns.FirstOrDefault(c => c.Id == campaignId) ?? Campaigns.FirstOrDefault();
        CampaignId = campaign?.Id;
        Scheme = await schemes.FindAsync(campaign?.SchemeCode, ct);
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, false, ct);
        Filter = new RegisterFilter(CampaignId, orgUnitId, null, q, categoryCode, levelCode, tier, status, sort, powerId);
        PowerName = powerId is null ? null : await db.Powers.Where(p => p.Id == powerId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (campaign is null) { Pager = new Pager(Request, 50, 0); return; }

        var query = RegisterQuery.Points(db, scope, Filter, Scheme);
        Pager = new Pager(Request, 50, await query.CountAsync(ct));
        Rows = await query.Skip(Pager.Skip).Take(Pager.PageSize)
            .Select(p => new Row(p, p.OrgUnit.Name, p.Post == null ? null : p.Post.Name, p.List.Status)).ToListAsync(ct);
    }
}
