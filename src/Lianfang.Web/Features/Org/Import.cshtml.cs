using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Org;

[RequestSizeLimit(Uploads.MaxBytes + 64 * 1024)]
public sealed class ImportModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public int Id { get; private set; }
    public string UnitName { get; private set; } = "";
    public OrgImportResult? Result { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Summary { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : Forbid();

    public async Task<IActionResult> OnGetTemplateAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct)
            ? File(OrgImport.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "机构岗位人员导入模板.xlsx")
            : Forbid();

    public async Task<IActionResult> OnPostAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return Forbid();
        try
        {
            await using var xlsx = await Uploads.ReadXlsxAsync(file, ct);
            Result = await OrgImport.ImportAsync(db, await me.ScopeAsync(ct), id, xlsx, time, ct);
        }
        catch (ValidationFailedException e) { Errors = e.Errors; Summary = e.Message; }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid) { Errors = [new(e.Field, e.Message)]; Summary = e.Message; }
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, id, ct);
        Id = id;
        UnitName = unit.Name;
        return scope.CanManageOrg(unit.Path);
    }
}
