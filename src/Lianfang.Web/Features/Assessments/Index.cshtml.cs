using Lianfang.Core.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Assessments;

public sealed class IndexModel(AppDbContext db, CurrentUser me, AssessmentCommands commands, Reviewers reviewers, TimeProvider time) : PageModel
{
    /// <summary>The unit's scheme and its standards; null Def when it states no assessment.</summary>
    public AssessmentPlan Plan { get; private set; } = new(null, null);
    /// <summary>The unit's posts with their holders, when the scheme evaluates each post (002).</summary>
    public List<(int Id, string Name, string? Holder, bool Done)> Posts { get; private set; } = [];
    public UnitSelect Units { get; private set; } = null!;
    public List<AssessmentDto> History { get; private set; } = [];
    /// <summary>What the user may record for the chosen unit.</summary>
    public List<AssessmentKind> Kinds { get; private set; } = [];

    public Task OnGetAsync(int? orgUnitId, CancellationToken ct) => LoadAsync(orgUnitId, ct);

    public async Task<IActionResult> OnGetCommendationAsync(long id, CancellationToken ct)
    {
        try
        {
            var f = await commands.CommendationAsync(await me.ScopeAsync(ct), id, "docx", ct);
            return File(f.Content, f.ContentType, f.FileName);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict) { return StatusCode(StatusCodes.Status409Conflict); }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int? orgUnitId, long id, string? reason, CancellationToken ct)
    {
        await LoadAsync(orgUnitId, ct);
        await commands.WithdrawAsync(await me.ScopeAsync(ct), id, reason, ct);
        TempData["Message"] = "考核记录已撤销，可重新登记";
        return Redirect($"/Assessments?orgUnitId={orgUnitId}");
    }

    public async Task<IActionResult> OnGetNoticeAsync(long id, CancellationToken ct)
    {
        try
        {
            var f = await commands.NoticeAsync(await me.ScopeAsync(ct), id, "docx", ct);
            return File(f.Content, f.ContentType, f.FileName);
        }
        // Only a failing grade has a notice; this page has no form to show the message next to.
        catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict) { return StatusCode(StatusCodes.Status409Conflict); }
    }

    /// <summary>What was typed, shown again when the form comes back with an error.</summary>
    public AssessmentRequest? Typed { get; private set; }

    public async Task<IActionResult> OnPostAsync(
        int? orgUnitId, AssessmentKind? kind, int? year, int? quarter, int? postId, List<ItemInput> items, CancellationToken ct)
    {
        await LoadAsync(orgUnitId, ct);
        Typed = new AssessmentRequest(orgUnitId, year, kind, quarter, items, postId);
        var a = await commands.RecordAsync(await me.ScopeAsync(ct), new AssessmentRequest(orgUnitId, year, kind, quarter, items, postId), ct);
        TempData["Message"] = (a.PostName is { } p ? $"岗位“{p}”" : "")
            + (a.Grade is { } g ? $"已评定：{g}（{a.Score}/{a.MaxScore}）" : $"季度自查已报送（{a.Score}/{a.MaxScore}）");
        return Redirect($"/Assessments?orgUnitId={orgUnitId}");
    }

    private async Task LoadAsync(int? orgUnitId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, false, ct);
        var extra = (await commands.GroupUnitsAsync(scope, ct))
            .Where(g => Units.Units.All(u => u.Id != g.Id))
            .Select(g => new UnitSelect.Option(g.Id, g.Name, 0));
        Units = Units with { Units = [.. extra, .. Units.Units] };
        Units = Units with { Selected = Units.Selected ?? Units.Units.FirstOrDefault()?.Id };
        if (Units.Selected is not { } unit) return;
        var at = await db.OrgUnits.Where(u => u.Id == unit).Select(u => new { u.Path, u.Kind }).SingleAsync(ct);
        var (path, kind) = (at.Path, at.Kind);
        Plan = await commands.PlanAsync(path, time.Today().Year, ct);
        var group = Plan.ByGroup ? await reviewers.GroupAsync(path, ct) : [];
        Kinds = [.. Enum.GetValues<AssessmentKind>()
            .Where(k => AssessmentCommands.Stated(Plan, k) && AssessmentCommands.MayRecord(scope, path, k, Plan, group))];
        if (Plan.OfPosts && kind == Core.Org.OrgUnitKind.Unit)
        {
            var (lo, hi) = Core.Org.OrgPath.SubtreeBounds(path);
            var year = time.Today().Year;
            var done = await db.Assessments.Where(a => a.OrgUnitId == unit && a.Year == year && a.PostId != null).Select(a => a.PostId!.Value).ToListAsync(ct);
            Posts = (await db.Posts.AsNoTracking().Where(p => string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
                    .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Id)
                    .Select(p => new
                    {
                        p.Id,
                        p.Name,
                        Holder = db.PostAssignments.Where(x => x.PostId == p.Id && x.To == null).Select(x => x.Person.Name).FirstOrDefault(),
                    })
                    .ToListAsync(ct))
                .Select(p => (p.Id, p.Name, p.Holder, done.Contains(p.Id))).ToList();
        }
        // withdrawn records stay in the history, struck out with why
        History = (await (await commands.VisibleAsync(scope, ct)).IgnoreQueryFilters()
                .Where(a => a.OrgUnitId == unit)
                .OrderByDescending(a => a.Year).ThenByDescending(a => a.AssessedAt)
                .Take(100)
                .Select(a => new { a, Unit = a.OrgUnit.Name })
                .ToListAsync(ct))
            .Select(x => AssessmentCommands.Dto(x.a, x.Unit)).ToList();
    }
}
