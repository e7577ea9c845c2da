using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Campaigns;

public sealed class ChangesModel(AppDbContext db, CurrentUser me, RegisterCommands commands, SchemeStore schemes) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public Scheme? Scheme { get; private set; }
    public IReadOnlyList<PointChange> Items { get; private set; } = [];

    public int Count(ChangeKind kind) => Items.Count(c => c.Kind == kind);

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Campaign = await commands.LoadCampaignAsync(scope, id, ct);
        Scheme = await schemes.FindAsync(Campaign.SchemeCode, ct);
        Items = await Changes.LoadAsync(db, scope, Campaign, ct);
    }
}
