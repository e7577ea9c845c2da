using Lianfang.Core.Register;
using Lianfang.Web.Features.Lists;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Campaigns;

public sealed class DetailModel(AppDbContext db, CurrentUser me, RegisterCommands commands, SchemeStore schemes) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public string SchemeName { get; private set; } = "";
    public List<ListTitles.Row> Lists { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Campaign = await commands.LoadCampaignAsync(scope, id, ct);
        SchemeName = (await schemes.FindAsync(Campaign.SchemeCode, ct))?.Name ?? Campaign.SchemeCode;
        Lists = await ListTitles.QueryAsync(db, db.RiskLists.Visible(scope).Where(l => l.CampaignId == id), ct);
    }
}
