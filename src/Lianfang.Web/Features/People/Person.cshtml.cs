using Lianfang.Core.Org;
using Lianfang.Web.Features.Org;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.People;

public sealed class PersonModel(AppDbContext db, CurrentUser me, Supervision.WarningSweep sweep, TimeProvider time) : PageModel
{
    public sealed class PersonInput
    {
        public int OrgUnitId { get; set; }
        public string? Name { get; set; }
        public string? Title { get; set; }
        public int? PostId { get; set; }
        public DateOnly? AppointedOn { get; set; }
        public int? Version { get; set; }
        /// <summary>工号: a directory account finds its person by it.</summary>
        public string? EmployeeNumber { get; set; }
    }

    public sealed record PostChoice(int Id, string Name, PostTier Tier, string UnitName);
    public sealed record HistoryRow(string Post, string Unit, DateOnly From, DateOnly? To);

    [BindProperty] public PersonInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool CanManage { get; private set; }
    /// <summary>Whether the user may open the person's 廉政档案 (the person, the agency over them, the commission).</summary>
    public bool CanReadFile { get; private set; }
    public List<PostChoice> PostChoices { get; private set; } = [];
    public List<HistoryRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? unitId, CancellationToken ct)
    {
        Id = id;
        if (id is { } personId)
        {
            var p = await PeopleCommands.LoadPersonAsync(db, await me.ScopeAsync(ct), personId, ct);
            Input = new PersonInput
            {
                OrgUnitId = p.OrgUnitId, Name = p.Name, Title = p.Title, PostId = p.CurrentAssignment?.PostId, AppointedOn = p.AppointedOn,
                Version = p.Version, EmployeeNumber = p.EmployeeNumber,
            };
        }
        else Input.OrgUnitId = unitId ?? 0;
        await LoadAsync(ct);
        return Id is null && !CanManage ? Forbid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        await LoadAsync(ct);
        var scope = await me.ScopeAsync(ct);
        // the form always shows the number: an emptied field clears it
        var req = new SavePersonRequest(Input.Name, Input.Title, Input.OrgUnitId, Input.PostId, Input.AppointedOn, Input.Version, Input.EmployeeNumber ?? "");
        var person = id is null
            ? await PeopleCommands.CreatePersonAsync(db, scope, req, time, ct)
            : await PeopleCommands.UpdatePersonAsync(db, scope, id.Value, req, sweep, time, ct);
        TempData["Message"] = $"已保存人员“{person.Name}”";
        return Redirect($"/Org?id={person.OrgUnitId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var person = await PeopleCommands.LoadPersonAsync(db, scope, id, ct);
        Id = id;
        Input = new PersonInput
        {
            OrgUnitId = person.OrgUnitId, Name = person.Name, Title = person.Title, AppointedOn = person.AppointedOn, Version = person.Version,
        };
        await LoadAsync(ct);
        await PeopleCommands.DeletePersonAsync(db, scope, id, ct);
        TempData["Message"] = $"已删除人员“{person.Name}”";
        return Redirect($"/Org?id={person.OrgUnitId}");
    }

    /// <summary>Posts to choose from: those of the unit the person belongs to, across its departments.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, Input.OrgUnitId, ct, "orgUnitId");
        UnitName = unit.Name;
        CanManage = scope.CanManageOrg(unit.Path);
        CanReadFile = Id is { } who && (scope.PersonId == who || IntegrityFiles.IntegrityFileService.MayRead(scope, unit.Path));
        var chain = OrgPath.AncestorsOrSelf(unit.Path);
        var home = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind != OrgUnitKind.Department)
            .OrderByDescending(u => u.Path).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? unit.Path;
        PostChoices = await db.Posts.AsNoTracking().Visible(scope).Under([home], p => p.OrgUnit.Path)
            .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Tier).Take(500)
            .Select(p => new PostChoice(p.Id, p.Name, p.Tier, p.OrgUnit.Name)).ToListAsync(ct);
        if (Id is { } id)
            History = await db.PostAssignments.AsNoTracking().Where(a => a.PersonId == id).OrderByDescending(a => a.From)
                .Select(a => new HistoryRow(a.Post.Name, a.Post.OrgUnit.Name, a.From, a.To)).ToListAsync(ct);
    }
}
