using Lianfang.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Audit;

public sealed class IndexModel(AppDbContext db, CurrentUser me, AuditView view) : PageModel
{
    public List<AuditView.Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public AuditQueries.Filter Filter { get; private set; } = new(null, null, null, null, null);
    public UnitSelect Units { get; private set; } = null!;
    public bool CanVerify { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync(string? entityType, string? userName, int? orgUnitId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var scope = await me.ScopeAsync(ct);
        CanVerify = scope.HoldsSystemWide(Lianfang.Core.Access.Role.Auditor);
        Filter = new(entityType, userName, orgUnitId, from, to);
        Units = await UnitSelect.LoadHeldAsync(db, scope, Lianfang.Core.Access.Role.Auditor, orgUnitId, true, ct);
        var q = await AuditQueries.FilteredAsync(db, scope, Filter, ct);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        Rows = await view.DescribeAsync(await q.OrderByDescending(e => e.Seq).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct), ct);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        await OnGetAsync(null, null, null, null, null, ct);
        if (!CanVerify) return Forbid();
        Verification = await CommandLine.VerifyAuditAsync(db);
        return Page();
    }
}
