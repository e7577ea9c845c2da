using Lianfang.Core.Org;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Org;

public sealed class EditModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed class UnitInput
    {
        public string? Name { get; set; }
        public OrgUnitKind Kind { get; set; } = OrgUnitKind.Department;
        public int? ParentId { get; set; }
        public List<int> Supervises { get; set; } = [];
        public int? Version { get; set; }
        public string? Duties { get; set; }
        public string? IntegrityDuties { get; set; }
        public int? HeadPersonId { get; set; }
    }

    public sealed record Choice(int Id, string Name, int Depth);

    [BindProperty] public UnitInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public List<Choice> Parents { get; private set; } = [];
    public List<Choice> Units { get; private set; } = [];
    /// <summary>Who may be named its 负责人: the people of the unit's subtree (when editing one).</summary>
    public List<Choice> People { get; private set; } = [];
    public bool AllowRoot { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? parentId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Id = id;
        if (id is { } existing)
        {
            var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, existing, ct);
            if (!scope.CanManageOrg(unit.Path)) return Forbid();
            Input = new UnitInput
            {
                Name = unit.Name, Kind = unit.Kind, ParentId = unit.ParentId, Supervises = unit.Supervises.Select(s => s.UnitId).ToList(),
                Version = unit.Version,
                Duties = unit.Duties, IntegrityDuties = unit.IntegrityDuties, HeadPersonId = unit.HeadPersonId,
            };
        }
        else
        {
            Input.ParentId = parentId;
            if (parentId is null) Input.Kind = OrgUnitKind.Commission;
            else if (await db.OrgUnits.Where(u => u.Id == parentId).Select(u => (OrgUnitKind?)u.Kind).FirstOrDefaultAsync(ct) is OrgUnitKind.Commission)
                Input.Kind = OrgUnitKind.Unit;
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        await LoadChoicesAsync(ct);
        var scope = await me.ScopeAsync(ct);
        var req = new SaveOrgUnitRequest(Input.Name, Input.Kind, Input.ParentId, Input.Kind == OrgUnitKind.Agency ? Input.Supervises : [], Input.Version,
            Input.Duties, Input.IntegrityDuties, Input.HeadPersonId);
        var unit = id is null
            ? await OrgUnitCommands.CreateAsync(db, scope, req, ct)
            : await OrgUnitCommands.UpdateAsync(db, scope, id.Value, req, ct);
        TempData["Message"] = $"已保存“{unit.Name}”";
        return Redirect($"/Org?id={unit.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int? version, CancellationToken ct)
    {
        Id = id;
        var scope = await me.ScopeAsync(ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, id, ct);
        Input = new UnitInput { Name = unit.Name, Kind = unit.Kind, ParentId = unit.ParentId, Version = unit.Version };
        await LoadChoicesAsync(ct);
        await OrgUnitCommands.DeleteAsync(db, scope, id, version, ct);
        TempData["Message"] = $"已删除“{unit.Name}”";
        return Redirect(unit.ParentId is { } p ? $"/Org?id={p}" : "/Org");
    }

    /// <summary>Possible parents are the units the user manages; possible supervised units are units they can read.</summary>
    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        AllowRoot = scope.CanManageOrg(null) && Id is null;
        var visible = await db.OrgUnits.AsNoTracking().Visible(scope).OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, u.Path, u.Kind }).Take(3000).ToListAsync(ct);
        var self = Id is { } i ? visible.FirstOrDefault(v => v.Id == i)?.Path : null;
        var minDepth = visible.Count == 0 ? 0 : visible.Min(v => OrgPath.Depth(v.Path));
        Parents = visible.Where(v => v.Kind != OrgUnitKind.Department || Input.Kind == OrgUnitKind.Department)
            .Where(v => scope.CanManageOrg(v.Path) && (self is null || !OrgPath.IsAncestorOrSelf(self, v.Path)))
            .Select(v => new Choice(v.Id, v.Name, OrgPath.Depth(v.Path) - minDepth)).ToList();
        var parentKind = visible.FirstOrDefault(v => v.Id == Input.ParentId)?.Kind;
        if (Input.Kind == OrgUnitKind.Agency || parentKind == OrgUnitKind.Commission)
            Units = visible.Where(v => v.Kind == OrgUnitKind.Unit).Select(v => new Choice(v.Id, v.Name, 0)).ToList();
        if (Id is null && Input.ParentId is null && !AllowRoot) throw DomainException.Forbidden("无权新建顶层机构");
        if (self is not null)
            People = await db.People.AsNoTracking().Under([self], p => p.OrgUnit.Path).OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Name).Take(1000)
                .Select(p => new Choice(p.Id, p.Title == null ? $"{p.Name}（{p.OrgUnit.Name}）" : $"{p.Name}（{p.OrgUnit.Name} {p.Title}）", 0)).ToListAsync(ct);
    }
}
