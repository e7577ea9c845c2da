using Lianfang.Core.Org;
using Lianfang.Core.Review;
using Lianfang.Web.Features.Org;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Review;

/// <summary>领导小组: who heads the unit's integrity-risk leading group, who sits in it and in its office.</summary>
public sealed class LeadingGroupModel(AppDbContext db, CurrentUser me, ReviewBodies bodies) : PageModel
{
    public sealed record Candidate(int Id, string Name, string? Title, string Unit);

    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public List<Candidate> People { get; private set; } = [];
    public Dictionary<int, string> Duties { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(int unitId, CancellationToken ct) => await LoadAsync(unitId, ct);

    public async Task<IActionResult> OnPostAsync(int unitId, Dictionary<int, string>? duty, CancellationToken ct)
    {
        await LoadAsync(unitId, ct);
        var members = (duty ?? []).Where(d => !string.IsNullOrEmpty(d.Value)).Select(d => new GroupMemberInput(d.Key, d.Value)).ToList();
        await bodies.SaveGroupAsync(await me.ScopeAsync(ct), unitId, new SaveGroupRequest(members), ct);
        TempData["Message"] = "领导小组已保存";
        return Redirect($"/Org/LeadingGroup?unitId={unitId}");
    }

    private async Task LoadAsync(int unitId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, unitId, ct);
        UnitId = unit.Id;
        UnitName = unit.Name;
        CanManage = scope.CanManageOrg(unit.Path);
        Duties = (await bodies.GroupAsync(scope, unitId, ct)).ToDictionary(m => m.PersonId, m => m.Duty);
        var (lo, hi) = OrgPath.SubtreeBounds(unit.Path);
        People = await db.People.AsNoTracking().Where(p => string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
            .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Name).Take(300)
            .Select(p => new Candidate(p.Id, p.Name, p.Title, p.OrgUnit.Name)).ToListAsync(ct);
    }

    public static IEnumerable<(string Value, string Label)> Choices => Enum.GetValues<GroupDuty>().Select(d => (d.ToString(), LeadingGroupMember.Label(d)));
}
