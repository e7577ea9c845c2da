using Lianfang.Core.Org;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Letters;

/// <summary>党风廉政建设责任书: the unit's cadres, who has signed this year, and the party office's record of a signed letter.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, LetterCommands letters, TimeProvider time) : PageModel
{
    public sealed class LetterInput
    {
        public int? PersonId { get; set; }
        public string? Duties { get; set; }
        public string? IssuedBy { get; set; }
        public DateOnly? SignedOn { get; set; }
    }

    [BindProperty] public LetterInput Input { get; set; } = new();
    public List<(int Id, string Name)> Units { get; private set; } = [];
    public int? Selected { get; private set; }
    public int Year { get; private set; }
    public LetterOverview? Overview { get; private set; }
    public bool CanRecord { get; private set; }

    public async Task OnGetAsync(int? orgUnitId, int? year, int? personId, CancellationToken ct)
    {
        await LoadAsync(orgUnitId, year, ct);
        if (personId is { } p && CanRecord && Overview!.Cadres.Any(c => c.PersonId == p))
        {
            Input.PersonId = p;
            Input.Duties = await letters.DraftDutiesAsync(p, Year, ct);
            Input.SignedOn = time.Today();
        }
    }

    public async Task<IActionResult> OnPostAsync(int? orgUnitId, int? year, CancellationToken ct)
    {
        await LoadAsync(orgUnitId, year, ct);
        if (Selected is not { } unit) return NotFound();
        var l = await letters.RecordAsync(await me.ScopeAsync(ct), unit,
            new LetterRequest(Input.PersonId, Year, Input.Duties, Input.IssuedBy, Input.SignedOn), ct);
        TempData["Message"] = $"已登记{l.PersonName}的{l.Year}年党风廉政建设责任书";
        return Redirect($"/Letters?orgUnitId={unit}&year={Year}");
    }

    private async Task LoadAsync(int? orgUnitId, int? year, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Year = year ?? time.Today().Year;
        var units = await db.OrgUnits.AsNoTracking().Visible(scope).Where(u => u.Kind == OrgUnitKind.Unit).OrderBy(u => u.Path).Take(1000)
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var mine = units.Where(u => scope.HasRoleOver(u.Path, LetterCommands.Readers)).ToList();
        Units = mine.Select(u => (u.Id, u.Name)).ToList();
        Selected = mine.Any(u => u.Id == orgUnitId) ? orgUnitId : mine.FirstOrDefault()?.Id;
        if (Selected is not { } unit) return;
        Overview = await letters.OverviewAsync(scope, unit, Year, ct);
        CanRecord = scope.HasRoleOver(mine.Single(u => u.Id == unit).Path, LetterCommands.Keepers);
    }
}
