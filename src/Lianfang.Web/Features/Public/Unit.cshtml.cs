using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Public;

/// <summary>The public page of a unit (no login): its lists published today, approved content only.</summary>
[AllowAnonymous]
[EnableRateLimiting(Startup.PublicRateLimit)]
public sealed class UnitModel(AppDbContext db, PublicLists published, Powers.PowerCommands powers, TimeProvider time) : PageModel
{
    public int Id { get; private set; }
    public string UnitName { get; private set; } = "";
    public List<PublicLists.Card> Cards { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    /// <summary>Powers open to the public (公开范围：社会公开), each with its chart.</summary>
    public List<(Core.Powers.PowerItem Power, string Svg)> Powers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.Name, u.Path }).FirstOrDefaultAsync(ct);
        if (unit is null) return NotFound();
        var lists = published.Current(unit.Path, time.Today());
        Pager = new Pager(Request, 20, await lists.CountAsync(ct), "份清单");
        var publicPowers = await db.Powers.AsNoTracking().Under([unit.Path], p => p.OrgUnit.Path)
            .Where(p => p.DisclosureScope == Core.Powers.DisclosureScope.Public)
            .OrderBy(p => p.Category).ThenBy(p => p.Id).Take(100).ToListAsync(ct);
        // Nothing published: the page does not exist, so unit names are not disclosed.
        if (Pager.Total == 0 && publicPowers.Count == 0) return NotFound();
        foreach (var p in publicPowers) Powers.Add((p, await powers.SvgAsync(p, ct, publishedOnly: true)));
        (Id, UnitName) = (unit.Id, unit.Name);
        Cards = await published.CardsAsync(lists.OrderBy(l => l.OrgUnit.Path).ThenBy(l => l.Scope).ThenBy(l => l.Id).Skip(Pager.Skip).Take(Pager.PageSize), ct);
        return Page();
    }
}
