using Lianfang.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Audit;

public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    public static readonly Dictionary<string, string> EntityTypes = new()
    {
        ["OrgUnit"] = "机构", ["AgencySupervision"] = "派驻监督", ["Post"] = "岗位", ["Person"] = "人员",
        ["PostAssignment"] = "任职", ["AppUser"] = "账号", ["UserGrant"] = "账号权限", ["IdentityUserToken`1"] = "账号密钥",
    };

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Id"] = "编号", ["Name"] = "名称", ["Kind"] = "类型", ["ParentId"] = "上级机构", ["Path"] = "树路径", ["Tier"] = "岗位层面",
        ["Duties"] = "岗位职责", ["IntegrityDuties"] = "廉政职责", ["Title"] = "职务", ["AppointedOn"] = "任职时间", ["OrgUnitId"] = "机构",
        ["PostId"] = "岗位", ["PersonId"] = "人员", ["UserId"] = "账号", ["UserName"] = "用户名", ["DisplayName"] = "显示名称", ["Role"] = "角色",
        ["From"] = "起", ["To"] = "止", ["AgencyId"] = "派驻机构", ["UnitId"] = "监督单位", ["LockoutEnd"] = "锁定至",
        ["AccessFailedCount"] = "登录失败次数", ["TwoFactorEnabled"] = "两步验证", ["LockoutEnabled"] = "允许锁定", ["CreatedAt"] = "创建时间",
    };

    public sealed record Change(string Field, string Before, string After);

    /// <summary>The stored JSON {property: [before, after]} as labelled lines.</summary>
    public static IEnumerable<Change> Describe(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            static string V(System.Text.Json.JsonElement v) => v.ValueKind == System.Text.Json.JsonValueKind.Null ? "（空）" : v.ToString();
            yield return new Change(Fields.GetValueOrDefault(p.Name, p.Name), V(p.Value[0]), V(p.Value[1]));
        }
    }

    public static string ActionLabel(string action) => action switch { "Insert" => "新增", "Update" => "修改", "Delete" => "删除", _ => action };

    public List<AuditEvent> Events { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public string? EntityType { get; private set; }
    public string? UserName { get; private set; }
    public bool CanVerify { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync(string? entityType, string? userName, CancellationToken ct = default)
    {
        var scope = await me.ScopeAsync(ct);
        CanVerify = scope.IsSystemAdmin;
        (EntityType, UserName) = (entityType, userName);
        var q = AuditQueries.Visible(db, scope, entityType, userName);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        Events = await q.OrderByDescending(e => e.Seq).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        await OnGetAsync(null, null, ct);
        if (!CanVerify) return Forbid();
        Verification = await Commands.VerifyAuditAsync(db);
        return Page();
    }
}
