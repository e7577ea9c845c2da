using Lianfang.Core.Powers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Powers;

public sealed class EditModel(CurrentUser me, PowerCommands commands) : PageModel
{
    public sealed class PowerInput
    {
        public PowerCategory? Category { get; set; } = PowerCategory.Licensing;
        public string? Name { get; set; }
        public string? Subject { get; set; }
        public string? Basis { get; set; }
        public string? DisclosureForm { get; set; }
        public DisclosureScope? DisclosureScope { get; set; } = Core.Powers.DisclosureScope.Public;
        public string? DisclosureTime { get; set; }
        public string? Fees { get; set; }
        public string? Handler { get; set; }
        public string? Remarks { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty] public PowerInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public int? OrgUnitId { get; private set; }

    public async Task OnGetAsync(int? id, int? orgUnitId, CancellationToken ct)
    {
        (Id, OrgUnitId) = (id, orgUnitId);
        if (id is not { } pid) return;
        var p = await commands.LoadAsync(await me.ScopeAsync(ct), pid, ct);
        Input = new PowerInput
        {
            Category = p.Category, Name = p.Name, Subject = p.Subject, Basis = p.Basis, DisclosureForm = p.DisclosureForm, DisclosureScope = p.DisclosureScope,
            DisclosureTime = p.DisclosureTime, Fees = p.Fees, Handler = p.Handler, Remarks = p.Remarks, Version = p.Version,
        };
        OrgUnitId = p.OrgUnitId;
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? orgUnitId, CancellationToken ct)
    {
        (Id, OrgUnitId) = (id, orgUnitId);
        var i = Input;
        var req = new PowerRequest(orgUnitId, i.Category, i.Name, i.Subject, i.Basis, i.DisclosureForm, i.DisclosureScope, i.DisclosureTime,
            i.Fees, i.Handler, i.Remarks, i.Version);
        var scope = await me.ScopeAsync(ct);
        var p = id is { } pid ? await commands.UpdateAsync(scope, pid, req, ct) : await commands.CreateAsync(scope, req, ct);
        TempData["Message"] = $"已保存“{p.Name}”";
        return Redirect(id is null ? $"/Powers/Flow?id={p.Id}" : $"/Powers?orgUnitId={p.OrgUnitId}");
    }
}
