using System.Text.Json;
using Lianfang.Core.Schemes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Schemes;

/// <summary>A unit adjusts its own copy of a scheme; built-in presets stay as the seeds wrote them.</summary>
public sealed class EditModel(SchemeStore store, CurrentUser me) : PageModel
{
    [BindProperty] public string? Json { get; set; }
    /// <summary>The scheme's version when the page was drawn: a change saved by someone else since is not overwritten.</summary>
    [BindProperty] public int? Version { get; set; }
    public string Code { get; private set; } = "";

    public async Task OnGetAsync(string code, CancellationToken ct)
    {
        Code = code;
        var scheme = (await store.VisibleAsync(await me.ScopeAsync(ct), ct)).FirstOrDefault(s => s.Code == code && !s.BuiltIn)
            ?? throw DomainException.NotFound("code", "方案不存在或不能修改");
        Json = SchemeJson.Write(scheme);
        Version = (await store.VersionsAsync(ct)).GetValueOrDefault(code);
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        Code = code;
        Scheme scheme;
        try { scheme = SchemeJson.Read(Json ?? ""); }
        catch (JsonException e) { throw new DomainException("json", $"方案内容不是有效的 JSON（第 {e.LineNumber + 1} 行附近）"); }
        await store.UpdateAsync(await me.ScopeAsync(ct), code, scheme, ct, Version);
        TempData["Message"] = "方案已保存";
        return Redirect($"/Schemes/Detail?code={code}");
    }
}
