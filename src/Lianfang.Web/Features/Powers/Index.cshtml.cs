using Lianfang.Core.Powers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Powers;

public sealed class IndexModel(AppDbContext db, CurrentUser me, PowerCommands commands, PowerForms forms) : PageModel
{
    public sealed record Row(int Id, PowerCategory Category, string Name, string? Subject, string? Basis, DisclosureScope DisclosureScope, string? Handler,
        int Steps, int RiskPoints);

    public UnitSelect Units { get; private set; } = null!;
    public List<Row> Items { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetExportAsync(int orgUnitId, string? form, PowerCategory? category, string? format, CancellationToken ct)
    {
        var file = await forms.ExportAsync(await me.ScopeAsync(ct), orgUnitId, form, category, format, ct);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostImportAsync(int? orgUnitId, IFormFile? file, CancellationToken ct)
    {
        await OnGetAsync(orgUnitId, ct);
        try
        {
            var outcome = await forms.ImportAsync(await me.ScopeAsync(ct), orgUnitId ?? 0, file, false, ct);
            TempData["Message"] = $"已导入 {outcome.Items.Count} 项职权事项";
            return Redirect($"/Powers?orgUnitId={orgUnitId}");
        }
        catch (ValidationFailedException ex)
        {
            foreach (var e in ex.Errors) ModelState.AddModelError("", e.Row is null ? e.Message : $"{e.Sheet} 第 {e.Row} 行 {e.Column}：{e.Message}");
            return Page();
        }
    }

    public async Task OnGetAsync(int? orgUnitId, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, false, ct);
        Units = Units with { Selected = Units.Selected ?? Units.Units.FirstOrDefault()?.Id };
        if (Units.Selected is not { } unit) return;
        var path = await db.OrgUnits.Where(u => u.Id == unit).Select(u => u.Path).SingleAsync(ct);
        CanEdit = PowerCommands.MayEdit(scope, path);
        Items = (await commands.Visible(scope).Where(p => p.OrgUnitId == unit).OrderBy(p => p.Category).ThenBy(p => p.Id)
                .Select(p => new { p, Points = db.RiskPoints.Count(r => r.PowerId == p.Id) }).ToListAsync(ct))
            .Select(x => new Row(x.p.Id, x.p.Category, x.p.Name, x.p.Subject, x.p.Basis, x.p.DisclosureScope, x.p.Handler, x.p.Flow.Steps.Count, x.Points))
            .ToList();
    }
}
