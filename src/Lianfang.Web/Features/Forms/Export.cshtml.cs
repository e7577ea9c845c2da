using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Office;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Forms;

/// <summary>A list's forms to download; with a format, the file itself.</summary>
public sealed class ExportModel(AppDbContext db, CurrentUser me, RegisterCommands register, SchemeStore schemes, ExportForms export, PdfConverter pdf)
    : PageModel
{
    public int Id { get; private set; }
    public ListTitles.Row Title { get; private set; } = null!;
    public IReadOnlyList<ListFormChoice> Forms { get; private set; } = [];
    public bool PdfAvailable => pdf.Available;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? form, string? format, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var list = await register.LoadListAsync(scope, id, ct);
        Id = id;
        Title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == id), ct)).Single();
        Forms = await export.MenuAsync(list, await schemes.GetAsync(list.SchemeCode, ct), ct);
        if (format is null) return Page();
        try
        {
            var file = await export.ListAsync(scope, id, form, format, ct);
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (PdfUnavailableException e) { Problem = e.Message; }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid) { Problem = e.Message; }
        Response.StatusCode = Problem == PdfConverter.Unavailable ? 501 : 400;
        return Page();
    }
}
