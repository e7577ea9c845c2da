using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Public;

/// <summary>The public page of a unit (no login): its lists published today, approved content only.</summary>
[AllowAnonymous]
[EnableRateLimiting(Startup.PublicRateLimit)]
public sealed class UnitModel(AppDbContext db, PublicLists published) : PageModel
{
    public int Id { get; private set; }
    public string UnitName { get; private set; } = "";
    public List<PublicLists.Card> Cards { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int page = 1, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.Name, u.Path }).FirstOrDefaultAsync(ct);
        if (unit is null) return NotFound();
        var lists = published.Current(unit.Path, Clock.Today);
        Pager = new Pager(Request, page, 20, await lists.CountAsync(ct));
        // Nothing published today: the page does not exist, so unit names are not disclosed.
        if (Pager.Total == 0) return NotFound();
        (Id, UnitName) = (unit.Id, unit.Name);
        Cards = await published.CardsAsync(lists.OrderBy(l => l.OrgUnit.Path).ThenBy(l => l.Scope).ThenBy(l => l.Id).Skip(Pager.Skip).Take(Pager.PageSize), ct);
        return Page();
    }
}
