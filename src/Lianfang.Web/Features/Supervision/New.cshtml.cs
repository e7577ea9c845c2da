using Lianfang.Core.Register;
using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Supervision;

public sealed class NewModel(AppDbContext db, CurrentUser me, SupervisionCommands commands, SchemeStore schemes, TimeProvider time) : PageModel
{
    public sealed class InspectionInput
    {
        public InspectionType Type { get; set; } = InspectionType.Written;
        public DateOnly Date { get; set; }
        public int? PersonId { get; set; }
        public bool Planned { get; set; }
        public string? Subject { get; set; }
        public string? Record { get; set; }
        public List<long> RiskPointIds { get; set; } = [];
    }

    public sealed record PointOption(long Id, string Description, string Unit, string Level, string? Leader);
    public sealed record PersonOption(int Id, string Name);

    [BindProperty] public InspectionInput Input { get; set; } = new() { Date = time.Today() };
    public UnitSelect Units { get; private set; } = null!;
    public List<PointOption> Points { get; private set; } = [];
    public List<PersonOption> People { get; private set; } = [];

    public async Task OnGetAsync(int? orgUnitId, long? pointId, CancellationToken ct)
    {
        if (pointId is { } pid)
        {
            orgUnitId ??= await db.RiskPoints.Where(p => p.Id == pid).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct);
            Input.RiskPointIds.Add(pid);
        }
        await LoadAsync(orgUnitId, ct);
    }

    public async Task<IActionResult> OnPostAsync(int? orgUnitId, CancellationToken ct)
    {
        await LoadAsync(orgUnitId, ct);
        var i = await commands.CreateAsync(await me.ScopeAsync(ct), new InspectionRequest(Input.Type, Units.Selected, Input.PersonId, [.. Input.RiskPointIds],
            Input.Date, Input.Subject, Input.Record, Input.Planned), ct);
        TempData["Message"] = Input.Planned ? "已列入检查计划" : "检查已登记";
        return Redirect($"/Supervision/Inspection?id={i.Id}");
    }

    private async Task LoadAsync(int? orgUnitId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, false, ct);
        Units = Units with { Selected = Units.Selected ?? Units.Units.FirstOrDefault()?.Id };
        if (Units.Selected is not { } unit) return;
        var path = await db.OrgUnits.Where(u => u.Id == unit).Select(u => u.Path).SingleAsync(ct);
        var year = time.Today().Year;
        var points = await db.RiskPoints.AsNoTracking().Visible(scope).Under([path], p => p.OrgUnit.Path)
            .Where(p => p.List.Campaign.Year == year && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published))
            .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Seq).Take(300)
            .Select(p => new { p.Id, p.Description, Unit = p.OrgUnit.Name, p.List.SchemeCode, Level = p.ApprovedLevelCode ?? p.LevelCode, p.Responsible })
            .ToListAsync(ct);
        foreach (var p in points)
            Points.Add(new PointOption(p.Id, p.Description, p.Unit,
                (await schemes.FindAsync(p.SchemeCode, ct))?.Level(p.Level)?.Name ?? p.Level, p.Responsible.Leader));
        People = await db.People.AsNoTracking().Visible(scope).Under([path], p => p.OrgUnit.Path).OrderBy(p => p.Name).Take(500)
            .Select(p => new PersonOption(p.Id, p.Name)).ToListAsync(ct);
    }
}
