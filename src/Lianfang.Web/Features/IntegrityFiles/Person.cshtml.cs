using Lianfang.Core.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.IntegrityFiles;

public sealed class PersonModel(CurrentUser me, IntegrityFileService files, IntegrityFileExport export) : PageModel
{
    public IntegrityFileDto Record { get; private set; } = null!;
    /// <summary>What the user may record here: their own declarations, or everything for the agency and commission.</summary>
    public IntegrityEntryType[] Types { get; private set; } = [];

    public Task OnGetAsync(int id, CancellationToken ct) => LoadAsync(id, ct);

    public async Task<IActionResult> OnGetExportAsync(int id, string? format, CancellationToken ct)
    {
        var file = await export.ExportAsync(await me.ScopeAsync(ct), id, format, ct);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync(int id, IntegrityEntryType? type, string? content, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await files.AddAsync(await me.ScopeAsync(ct), id, new EntryRequest(type, content), ct);
        TempData["Message"] = "已记载";
        return Redirect($"/IntegrityFiles/Person?id={id}");
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Record = await files.ReadAsync(scope, id, ct);
        Types = await files.RecordableAsync(scope, id, ct);
    }
}
