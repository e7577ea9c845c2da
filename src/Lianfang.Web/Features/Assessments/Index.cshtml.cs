using Lianfang.Core.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Assessments;

public sealed class IndexModel(AppDbContext db, CurrentUser me, AssessmentCommands commands) : PageModel
{
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

    public async Task<IActionResult> OnPostAsync(int? orgUnitId, AssessmentKind? kind, int? year, int? quarter, List<ItemInput> items, CancellationToken ct)
    {
        await LoadAsync(orgUnitId, ct);
        var a = await commands.RecordAsync(await me.ScopeAsync(ct), new AssessmentRequest(orgUnitId, year, kind, quarter, items), ct);
        TempData["Message"] = a.Grade is { } g ? $"已评定：{g}（{a.Score}/{a.MaxScore}）" : $"季度自查已报送（{a.Score}/{a.MaxScore}）";
        return Redirect($"/Assessments?orgUnitId={orgUnitId}");
    }

    private async Task LoadAsync(int? orgUnitId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, false, ct);
        Units = Units with { Selected = Units.Selected ?? Units.Units.FirstOrDefault()?.Id };
        if (Units.Selected is not { } unit) return;
        var path = await db.OrgUnits.Where(u => u.Id == unit).Select(u => u.Path).SingleAsync(ct);
        Kinds = [.. Enum.GetValues<AssessmentKind>().Where(k => AssessmentCommands.MayRecord(scope, path, k))];
        History = (await commands.Visible(scope).Where(a => a.OrgUnitId == unit).OrderByDescending(a => a.Year).ThenByDescending(a => a.AssessedAt)
            .Take(100).Select(a => new { a, Unit = a.OrgUnit.Name }).ToListAsync(ct)).Select(x => AssessmentCommands.Dto(x.a, x.Unit)).ToList();
    }
}
