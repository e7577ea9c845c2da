using Lianfang.Core.Schemes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Schemes;

public sealed class DetailModel(SchemeStore store, AppDbContext db, CurrentUser me) : PageModel
{
    public Scheme Scheme { get; private set; } = null!;
    public bool CanCopy { get; private set; }
    public UnitSelect Units { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        Scheme = (await store.VisibleAsync(scope, ct)).FirstOrDefault(s => s.Code == code) ?? throw DomainException.NotFound("code", "方案不存在");
        CanCopy = scope.IsAdmin || scope.Has(Core.Access.Role.PartyOffice);
        Units = await UnitSelect.LoadAsync(db, scope, null, false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        [FromQuery] string code, string? name, [FromForm(Name = "Input.OrgUnitId")] int? orgUnitId, string? newCode, CancellationToken ct)
    {
        await OnGetAsync(code, ct);
        var copy = await store.CopyAsync(await me.ScopeAsync(ct), code, newCode ?? "", name ?? "", orgUnitId ?? 0, ct);
        TempData["Message"] = $"已复制为“{copy.Name}”";
        return Redirect($"/Schemes/Detail?code={copy.Code}");
    }
}
