using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Supervision;

public sealed class ScorecardModel(AppDbContext db, CurrentUser me, Scorecard scorecard, TimeProvider time) : PageModel
{
    public List<Scorecard.LeaderRow> Rows { get; private set; } = [];
    public UnitSelect Units { get; private set; } = null!;
    public int Year { get; private set; }

    public async Task OnGetAsync(int? orgUnitId, int? year, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Year = year ?? time.Today().Year;
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, false, ct);
        Rows = await scorecard.LoadAsync(scope, orgUnitId, Year, ct);
    }
}
