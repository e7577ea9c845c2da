using System.Security.Cryptography;
using Lianfang.Core.Forms;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Forms;

/// <summary>Upload a Word/Excel list, see what it gives (or every problem in it), then confirm the import.</summary>
[RequestSizeLimit(Uploads.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxBytes + 64 * 1024)]
public sealed class ImportModel(AppDbContext db, CurrentUser me, RegisterCommands register, SchemeStore schemes, ImportRiskList import) : PageModel
{
    public int Id { get; private set; }
    public ListTitles.Row Title { get; private set; } = null!;
    public Scheme Scheme { get; private set; } = null!;
    public IReadOnlyList<FormDef> Forms { get; private set; } = [];
    /// <summary>Why the caller cannot import into this list now, if they cannot.</summary>
    public string? Refusal { get; private set; }
    public ImportOutcome? Preview { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Summary { get; private set; }
    public string? FileHash { get; private set; }
    public string? FileName { get; private set; }
    /// <summary>The preview came back as a whole page: the file must be chosen again to confirm.</summary>
    public bool ChooseAgain { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostPreviewAsync(int id, IFormFile? file, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Refusal is null) await RunAsync(id, file, dryRun: true, ct);
        if (Request.Headers.ContainsKey("HX-Request")) return Partial("_ImportPreview", this);
        ChooseAgain = Preview is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(int id, IFormFile? file, string? hash, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Refusal is not null) return Page();
        if (file is not null && hash is { Length: > 0 } && await HashAsync(file, ct) != hash)
        {
            Errors = [new FieldError("file", "所选文件与预览时的文件不同，请重新预览后再确认导入")];
            Summary = Errors[0].Message;
            return Page();
        }
        await RunAsync(id, file, dryRun: false, ct);
        if (Preview is not { Saved: true } outcome) return Page();
        TempData["Message"] = $"已从“{file!.FileName}”导入 {outcome.Points.Count} 条风险点"
            + (outcome.Points.Any(p => p.Point.CategoryCode == Scheme.UnclassifiedCode || p.Point.LevelCode == Scheme.UnratedCode)
                ? "，其中有未分类或未定级的，请补全后再提交"
                : "");
        return Redirect($"/Lists/Edit?id={id}");
    }

    private async Task RunAsync(int id, IFormFile? file, bool dryRun, CancellationToken ct)
    {
        FileName = file?.FileName;
        try
        {
            Preview = await import.RunAsync(await me.ScopeAsync(ct), id, file, dryRun, ct);
            FileHash = file is null ? null : await HashAsync(file, ct);
        }
        catch (ValidationFailedException e) { Errors = e.Errors; Summary = e.Message; }
        catch (DomainException e) when (e.Kind is DomainErrorKind.Invalid or DomainErrorKind.Conflict or DomainErrorKind.Forbidden)
        {
            Errors = [new FieldError(e.Field, e.Message)];
            Summary = e.Message;
        }
    }

    private static async Task<string> HashAsync(IFormFile file, CancellationToken ct)
    {
        await using var s = file.OpenReadStream();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(s, ct));
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var list = await register.LoadListAsync(scope, id, ct);
        Id = id;
        Scheme = await schemes.GetAsync(list.SchemeCode, ct);
        Title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == id), ct)).Single();
        Forms = FormCatalog.For(Scheme, list.Scope, list.HolderPersonId is not null);
        if (!ListAuthoring.CanWrite(scope, list, list.OrgUnit.Path, Scheme)) Refusal = ListAuthoring.WhoWrites(list, Scheme) + "，您不能向本清单导入";
        else if (list.Status is not (ListStatus.Draft or ListStatus.Returned)) Refusal = $"清单当前状态为“{list.Status.Label()}”，不能导入";
    }
}
