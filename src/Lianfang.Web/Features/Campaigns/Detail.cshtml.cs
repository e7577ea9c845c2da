using Lianfang.Core.Register;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Campaigns;

public sealed class DetailModel(AppDbContext db, CurrentUser me, RegisterCommands commands, SchemeStore schemes, Review.ReviewBodies bodies) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public string SchemeName { get; private set; } = "";
    public List<ListTitles.Row> Lists { get; private set; } = [];
    /// <summary>交叉互查 pairs, when the scheme has that stage; the departments of the campaign to choose from.</summary>
    public List<Review.PeerPairDto>? Pairs { get; private set; }
    public List<(int Id, string Name)> Departments { get; private set; } = [];
    public bool CanPair { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    /// <summary>Whether the user may move the deadline or end the campaign (who may open one over its root).</summary>
    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnPostChangeAsync(int id, DateOnly? deadline, bool? close, string? reason, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var c = await commands.ChangeCampaignAsync(await me.ScopeAsync(ct), id, new ChangeCampaignRequest(deadline, close, reason), ct);
        TempData["Message"] = c.Status == CampaignStatus.Closed ? "排查已结束" : $"截止日期已调整为 {c.Deadline:yyyy-MM-dd}";
        return Redirect($"/Campaigns/Detail?id={id}");
    }

    public async Task<IActionResult> OnPostPairsAsync(int id, Dictionary<int, int?>? peer, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await bodies.SavePairsAsync(await me.ScopeAsync(ct), id,
            (peer ?? []).Where(p => p.Value is not null).Select(p => new Review.PeerPairInput(p.Key, p.Value)).ToList(), ct);
        TempData["Message"] = "交叉互查结对已保存";
        return Redirect($"/Campaigns/Detail?id={id}");
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Campaign = await commands.LoadCampaignAsync(scope, id, ct);
        var scheme = await schemes.FindAsync(Campaign.SchemeCode, ct);
        SchemeName = scheme?.Name ?? Campaign.SchemeCode;
        Lists = await ListTitles.QueryAsync(db, db.RiskLists.Visible(scope).Where(l => l.CampaignId == id), ct);
        var rootPath = await db.OrgUnits.Where(u => u.Id == Campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        CanChange = Campaign.Status == CampaignStatus.Open && ListAuthoring.CanOpenCampaign(scope, rootPath);
        if (scheme?.ListKinds.Any(k => k.Stages.Any(s => s.Actor == Core.Schemes.StageActor.Peers)) != true) return;
        Pairs = await bodies.PairsAsync(scope, id, ct);
        var root = await db.OrgUnits.Where(u => u.Id == Campaign.RootOrgUnitId).Select(u => u.Path).FirstAsync(ct);
        CanPair = ListAuthoring.CanOpenCampaign(scope, root);
        Departments = (await db.OrgUnits.AsNoTracking().Under([root], u => u.Path).Where(u => u.Kind == Core.Org.OrgUnitKind.Department)
            .OrderBy(u => u.Path).Select(u => new { u.Id, u.Name }).Take(500).ToListAsync(ct)).Select(u => (u.Id, u.Name)).ToList();
    }
}
