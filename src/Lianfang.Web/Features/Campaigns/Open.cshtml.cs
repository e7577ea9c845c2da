using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Campaigns;

public sealed class OpenModel(AppDbContext db, CurrentUser me, SchemeStore schemes, RegisterCommands commands, TimeProvider time) : PageModel
{
    public sealed record PreviousCampaign(int Id, int Year, string Name);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int Year { get; set; }
    [BindProperty] public DateOnly Deadline { get; set; }
    [BindProperty] public string? SchemeCode { get; set; }
    [BindProperty(Name = "Input.OrgUnitId")] public int? OrgUnitId { get; set; }
    [BindProperty] public int? CarryFrom { get; set; }
    public List<Scheme> Schemes { get; private set; } = [];
    public UnitSelect Units { get; private set; } = null!;
    public List<PreviousCampaign> Previous { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = time.Today();
        Year = today.Year;
        Name = $"{Year}年度廉政风险排查";
        Deadline = new DateOnly(Year, 5, 31) < today ? today.AddMonths(1) : new DateOnly(Year, 5, 31);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var campaign = await commands.OpenCampaignAsync(await me.ScopeAsync(ct),
            new OpenCampaignRequest(Name, Year, SchemeCode, OrgUnitId, Deadline, CarryFrom), ct);
        TempData["Message"] = $"已开展“{campaign.Name}”，清单已生成";
        return Redirect($"/Campaigns/Detail?id={campaign.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Schemes = await schemes.VisibleAsync(scope, ct);
        Units = await UnitSelect.LoadAsync(db, scope, OrgUnitId, false, ct);
        Previous = await RegisterQuery.Campaigns(db, scope).OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .Take(50).Select(c => new PreviousCampaign(c.Id, c.Year, c.Name)).ToListAsync(ct);
    }
}
