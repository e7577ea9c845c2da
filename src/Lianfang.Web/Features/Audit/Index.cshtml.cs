using Lianfang.Core.Audit;
using Lianfang.Web.Data;
using Lianfang.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Features.Audit;

public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    public static readonly Dictionary<string, string> EntityTypes = new()
    {
        ["OrgUnit"] = "机构", ["AgencySupervision"] = "派驻监督", ["Post"] = "岗位", ["Person"] = "人员",
        ["PostAssignment"] = "任职", ["AppUser"] = "账号", ["UserGrant"] = "账号权限", ["IdentityUserToken`1"] = "账号密钥",
    };

    public static string ActionLabel(string action) => action switch { "Insert" => "新增", "Update" => "修改", "Delete" => "删除", _ => action };

    public List<AuditEvent> Events { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public string? EntityType { get; private set; }
    public string? UserName { get; private set; }
    public bool CanVerify { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync(string? entityType, string? userName, int page = 1, CancellationToken ct = default)
    {
        var scope = await me.ScopeAsync(ct);
        CanVerify = scope.IsSystemAdmin;
        (EntityType, UserName) = (entityType, userName);
        var q = AuditQueries.Visible(db, scope, entityType, userName);
        Pager = new Pager(Request, page, 50, await q.CountAsync(ct));
        Events = await q.OrderByDescending(e => e.Seq).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        await OnGetAsync(null, null, 1, ct);
        if (!CanVerify) return Forbid();
        Verification = await Commands.VerifyAuditAsync(db);
        return Page();
    }
}
