using Lianfang.Core.Supervision;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Supervision;

public sealed class InspectionModel(AppDbContext db, CurrentUser me, SupervisionCommands commands, TimeProvider time) : PageModel
{
    public sealed class FindingInput
    {
        public string? Description { get; set; }
        public long? RiskPointId { get; set; }
        public int? PersonId { get; set; }
        public int? OwnerOrgUnitId { get; set; }
        public int? OwnerPersonId { get; set; }
        public string? Task { get; set; }
        public DateOnly? Deadline { get; set; }
    }

    public sealed record FindingRow(long Id, string Description, string About, int? PersonId, long? RectificationId, string? Task, DateOnly? Deadline,
        RectificationStatus? Status, bool Overdue);

    [BindProperty] public FindingInput Finding { get; set; } = new();
    public InspectionDto Item { get; private set; } = null!;
    public string? PersonName { get; private set; }
    public List<string> Points { get; private set; } = [];
    public List<FindingRow> Findings { get; private set; } = [];
    public List<(long, string)> PointOptions { get; private set; } = [];
    public List<(int, string)> PeopleOptions { get; private set; } = [];
    public List<(int Id, string Name, string Path)> OwnerOptions { get; private set; } = [];
    /// <summary>People a 整改 may be given to, with their unit so the picker can show only the chosen unit's people.</summary>
    public List<OwnerPerson> OwnerPeople { get; private set; } = [];
    public sealed record OwnerPerson(int Id, string Name, string Unit, string UnitPath);
    public bool CanStart { get; private set; }
    public bool CanComplete { get; private set; }
    public bool CanAddFinding { get; private set; }
    public bool CanDispose { get; private set; }

    public Task OnGetAsync(long id, CancellationToken ct) => LoadAsync(id, ct);

    public async Task<IActionResult> OnPostStartAsync(long id, DateOnly? date, string? subject, string? record, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.StartAsync(await me.ScopeAsync(ct), id, new StartRequest(date, subject, record), ct);
        TempData["Message"] = "检查已实施";
        return Redirect($"/Supervision/Inspection?id={id}");
    }

    /// <summary>The inspector may correct or withdraw what they recorded.</summary>
    public bool CanCorrect { get; private set; }

    public async Task<IActionResult> OnPostCorrectAsync(long id, DateOnly? date, string? subject, string? record, string? reason, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.CorrectAsync(await me.ScopeAsync(ct), id, new CorrectInspectionRequest(date, subject, record, reason), ct);
        TempData["Message"] = "检查记录已更正";
        return Redirect($"/Supervision/Inspection?id={id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, string? reason, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.WithdrawAsync(await me.ScopeAsync(ct), id, reason, ct);
        TempData["Message"] = "检查已撤销";
        return Redirect("/Supervision");
    }

    public async Task<IActionResult> OnPostCompleteAsync(long id, string? record, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.CompleteAsync(await me.ScopeAsync(ct), id, record, ct);
        TempData["Message"] = $"{Inspection.RecordLabel(Item.Type)}已登记";
        return Redirect($"/Supervision/Inspection?id={id}");
    }

    public async Task<IActionResult> OnPostFindingAsync(long id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var f = Finding;
        var rect = f.OwnerOrgUnitId is null ? null : new RectificationInput(f.OwnerOrgUnitId, null, f.Task, f.Deadline, f.OwnerPersonId);
        await commands.AddFindingAsync(await me.ScopeAsync(ct), id, new FindingRequest(f.Description, f.RiskPointId, f.PersonId, rect), ct);
        TempData["Message"] = rect is null ? "问题已登记" : "问题已登记，整改已下达";
        return Redirect($"/Supervision/Inspection?id={id}");
    }

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var i = await commands.LoadAsync(scope, id, ct);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == i.OrgUnitId).Select(u => new { u.Name, u.Path }).SingleAsync(ct);
        Item = SupervisionApi.Dto(i, unit.Name);
        PersonName = i.PersonId is null ? null : await db.People.Where(p => p.Id == i.PersonId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var targetIds = i.Targets.Select(t => t.RiskPointId).ToList();
        PointOptions = (await db.RiskPoints.AsNoTracking().Where(p => targetIds.Contains(p.Id)).Select(p => new { p.Id, p.Description }).ToListAsync(ct))
            .Select(p => (p.Id, p.Description)).ToList();
        Points = PointOptions.Select(p => p.Item2).ToList();
        var runs = SupervisionCommands.MayRun(scope, i, unit.Path);
        CanStart = runs && i.Status == InspectionStatus.Planned;
        CanAddFinding = runs && i.Status != InspectionStatus.Planned;
        CanCorrect = runs;
        CanComplete = i.Status == InspectionStatus.Open && SupervisionCommands.MayComplete(scope, i, unit.Path);
        CanDispose = SupervisionCommands.MayDispose(scope, unit.Path);
        var findings = await db.Findings.AsNoTracking().Where(f => f.InspectionId == id).OrderBy(f => f.Id)
            .Select(f => new
            {
                f.Id, f.Description, f.PersonId,
                Person = db.People.Where(p => p.Id == f.PersonId).Select(p => p.Name).FirstOrDefault(),
                Point = db.RiskPoints.Where(p => p.Id == f.RiskPointId).Select(p => p.Description).FirstOrDefault(),
                R = db.Rectifications.Where(r => r.FindingId == f.Id).Select(r => new { r.Id, r.Task, r.Deadline, r.Status }).FirstOrDefault(),
            }).ToListAsync(ct);
        var today = time.Today();
        Findings = findings.Select(f => new FindingRow(f.Id, f.Description, string.Join(" · ", new[] { f.Point, f.Person }.Where(x => x is not null)),
            f.PersonId, f.R?.Id, f.R?.Task, f.R?.Deadline, f.R?.Status,
            f.R is { } r && r.Status != RectificationStatus.Verified && today > r.Deadline)).ToList();
        if (CanAddFinding)
        {
            var people = await db.People.AsNoTracking().Under([unit.Path], p => p.OrgUnit.Path).OrderBy(p => p.Name).Take(500)
                .Select(p => new { p.Id, p.Name, Unit = p.OrgUnit.Name, p.OrgUnit.Path }).ToListAsync(ct);
            PeopleOptions = people.Select(p => (p.Id, p.Name)).ToList();
            OwnerPeople = people.Select(p => new OwnerPerson(p.Id, p.Name, p.Unit, p.Path)).ToList();
            OwnerOptions = (await db.OrgUnits.AsNoTracking().Under([unit.Path], u => u.Path).OrderBy(u => u.Path).Take(300)
                .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct)).Select(u => (u.Id, u.Name, u.Path)).ToList();
        }
    }
}
