using Lianfang.Core.Forms;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Forms.Templates;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Office;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Forms;

/// <summary>
/// A scheme's forms: the built-in ones to download as templates, the units' own with their versions, and the upload with its checks and preview.
/// </summary>
public sealed class TemplatesModel(FormTemplates templates, SchemeStore store, CurrentUser me) : PageModel
{
    public Scheme Scheme { get; private set; } = null!;
    public IReadOnlyList<FormDef> BuiltIn { get; private set; } = [];
    public IReadOnlyList<TemplateDto> Uploaded { get; private set; } = [];
    public bool CanUpload { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    [BindProperty] public TemplateInput Input { get; set; } = new();

    public sealed class TemplateInput
    {
        public string? Code { get; set; }
        public string? Title { get; set; }
        public string? For { get; set; }
    }

    public async Task OnGetAsync(string scheme, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Scheme = (await store.VisibleAsync(scope, ct)).FirstOrDefault(s => s.Code == scheme) ?? throw DomainException.NotFound("scheme", "方案不存在");
        BuiltIn = FormCatalog.ListForms(Scheme);
        Uploaded = await templates.ListAsync(scope, scheme, ct);
        CanUpload = scope.IsAdmin || scope.Has(Core.Access.Role.PartyOffice);
    }

    /// <summary>A built-in form as a template to start from.</summary>
    public async Task<IActionResult> OnGetBuiltInAsync(string scheme, string form, string? format, CancellationToken ct)
    {
        var f = await templates.BuiltInAsync(await me.ScopeAsync(ct), scheme, form, format, ct);
        return File(f.Content, f.ContentType, f.FileName);
    }

    /// <summary>An uploaded version, as it was uploaded.</summary>
    public async Task<IActionResult> OnGetFileAsync(string scheme, int id, CancellationToken ct)
    {
        var f = await templates.DownloadAsync(await me.ScopeAsync(ct), scheme, id, ct);
        return File(f.Content, f.ContentType, f.FileName);
    }

    /// <summary>Preview (the upload filled with a real list, as PDF where the server can make one) or save as the next version.</summary>
    public async Task<IActionResult> OnPostAsync(string scheme, IFormFile? file, bool preview, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var upload = new TemplateUpload(Input.Code, Input.Title, Input.For, null);
        try
        {
            if (preview)
            {
                ExportFile f;
                try { f = await templates.PreviewAsync(scope, scheme, file, upload, null, "pdf", ct); }
                catch (PdfUnavailableException) { f = await templates.PreviewAsync(scope, scheme, file, upload, null, null, ct); }
                Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(f.FileName)}";
                return File(f.Content, f.ContentType);
            }
            var saved = await templates.UploadAsync(scope, scheme, file, upload, ct);
            TempData["Message"] = $"已保存“{saved.Title}”第 {saved.Version} 版（{saved.OwnerName}）";
            return Redirect($"/Forms/Templates?scheme={Uri.EscapeDataString(scheme)}");
        }
        catch (ValidationFailedException e) { Errors = e.Errors; }
        catch (DomainException e) when (e.Kind is DomainErrorKind.Invalid or DomainErrorKind.Conflict or DomainErrorKind.Forbidden)
        {
            Errors = [new FieldError(e.Field, e.Message)];
        }
        await OnGetAsync(scheme, ct);
        return Page();
    }

    public static string ForLabel(string? scope) => scope switch
    {
        "Post" => "岗位", "Department" => "处室", "Unit" => "单位", "Person" => "个人", _ => "各类清单",
    };
}
