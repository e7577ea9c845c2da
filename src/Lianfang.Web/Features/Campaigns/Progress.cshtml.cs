using Lianfang.Web.Features.Register;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Campaigns;

public sealed class ProgressModel(CurrentUser me, RegisterCommands commands, CampaignProgress progress) : PageModel
{
    public CampaignProgress.Board Board { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Board = await progress.LoadAsync(scope, await commands.LoadCampaignAsync(scope, id, ct), ct);
    }
}
