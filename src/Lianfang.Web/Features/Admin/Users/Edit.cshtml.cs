using Lianfang.Core.Access;
using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Admin.Users;

/// <summary>
/// One account. 三员分立: the system administrator creates it and keeps its e-mail and password; the security
/// administrator grants and withdraws its roles and unlocks it. Each sees only the part that is theirs.
/// </summary>
public sealed class EditModel(AppDbContext db, CurrentUser me, AppUserManager users) : PageModel
{
    public sealed class UserInput
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        /// <summary>Where notices of the user's 待办 are mailed.</summary>
        public string? Email { get; set; }
        public string? Password { get; set; }
        public int? PersonId { get; set; }
        public string? Role { get; set; }
        public int? OrgUnitId { get; set; }
    }

    public sealed record GrantRow(int Id, Role Role, string? Unit);
    public sealed record PersonOption(int Id, string Name, string Unit);

    [BindProperty] public UserInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public string? UserName { get; private set; }
    public string? PersonName { get; private set; }
    public string? HomeUnit { get; private set; }
    public bool TwoFactor { get; private set; }
    public bool Locked { get; private set; }
    /// <summary>The directory's DN of an account the directory keeps (its password and grants are the directory's).</summary>
    public string? DirectoryDn { get; private set; }
    /// <summary>The system administrator's part: the account, its e-mail and password.</summary>
    public bool KeepsAccount { get; private set; }
    /// <summary>The security administrator's part: roles, grants, unlocking.</summary>
    public bool Grants { get; private set; }
    public List<GrantRow> GrantRows { get; private set; } = [];
    public List<PersonOption> People { get; private set; } = [];
    public UnitSelect UnitSelect { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await LoadAsync(null, ct);
        var req = new CreateUserRequest(Input.UserName, Input.Password, Input.PersonId, Input.DisplayName, null, Input.Email, Input.OrgUnitId);
        var user = await CreateUser.HandleAsync(db, users, await me.ScopeAsync(ct), req, ct);
        TempData["Message"] = $"已创建账号 {user.UserName}，请安全管理员为其授予权限";
        return RedirectToPage(new { id = user.Id });
    }

    public async Task<IActionResult> OnPostAddGrantAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await AccountGrants.AddAsync(db, await me.ScopeAsync(ct), id, new GrantDto(Input.Role, Input.OrgUnitId), ct);
        TempData["Message"] = "已授予权限";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveGrantAsync(int id, int grantId, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await AccountGrants.RemoveAsync(db, await me.ScopeAsync(ct), id, grantId, ct);
        TempData["Message"] = DirectoryDn is null ? "已收回权限" : "已收回权限；目录账号下次登录时按目录组重新授予，长期调整请在目录中办理";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (!KeepsAccount) throw DomainException.Forbidden("重置密码由系统管理员办理");
        var user = await users.FindByIdAsync(id.ToString()) ?? throw DomainException.NotFound("id", "账号不存在");
        if (user.FromDirectory) throw DomainException.Conflict("password", "该账号由目录管理，密码请在目录中重置");
        CreateUser.Check(await users.SetForUserAsync(user, Input.Password ?? ""));
        TempData["Message"] = users.Policy.ChangeInitial ? "密码已重置，用户下次登录须修改" : "密码已重置";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEmailAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (!KeepsAccount) throw DomainException.Forbidden("电子邮箱由系统管理员修改");
        var user = await users.FindByIdAsync(id.ToString()) ?? throw DomainException.NotFound("id", "账号不存在");
        await CreateUser.SetEmailAsync(users, user, Input.Email);
        TempData["Message"] = string.IsNullOrWhiteSpace(Input.Email) ? "已清除电子邮箱" : "电子邮箱已修改";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await AccountGrants.UnlockAsync(db, users, await me.ScopeAsync(ct), id, ct);
        TempData["Message"] = "已解除锁定";
        return RedirectToPage(new { id });
    }

    /// <summary>Loads the account (only one the administrator may see) and the choices the form needs.</summary>
    private async Task LoadAsync(int? id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        UserQueries.EnsureKeeper(scope);
        Id = id;
        KeepsAccount = scope.IsAdmin;
        Grants = scope.IsSecurityAdmin;
        if (id is null)
        {
            if (!KeepsAccount) throw DomainException.Forbidden("新建账号由系统管理员办理");
            UnitSelect = await UnitSelect.LoadHeldAsync(db, scope, Role.Admin, Input.OrgUnitId, scope.IsSystemAdmin, ct);
            People = await db.People.AsNoTracking().Visible(scope).Where(p => !db.Users.Any(u => u.PersonId == p.Id))
                .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Name).Take(500)
                .Select(p => new PersonOption(p.Id, p.Name, p.OrgUnit.Name)).ToListAsync(ct);
            return;
        }
        var user = await UserQueries.Visible(db, scope).Where(u => u.Id == id)
            .Select(u => new
            {
                u.UserName, u.DisplayName, Person = u.Person == null ? null : u.Person.Name, u.TwoFactorEnabled, u.LockoutEnd, u.Email, u.DirectoryDn,
                Home = db.OrgUnits.Where(o => o.Id == u.OrgUnitId).Select(o => o.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct) ?? throw DomainException.NotFound("id", "账号不存在或不在您的管理范围内");
        UserName = user.UserName;
        Input.DisplayName = user.DisplayName;
        Input.Email ??= user.Email; // what was typed comes back with an error
        PersonName = user.Person;
        HomeUnit = user.Home;
        TwoFactor = user.TwoFactorEnabled;
        Locked = user.LockoutEnd > users.Time.GetUtcNow();
        DirectoryDn = user.DirectoryDn;
        GrantRows = await db.UserGrants.AsNoTracking().Where(g => g.UserId == id).OrderBy(g => g.Id)
            .Select(g => new GrantRow(g.Id, g.Role, g.OrgUnit == null ? null : g.OrgUnit.Name)).ToListAsync(ct);
        if (Grants) UnitSelect = await UnitSelect.LoadHeldAsync(db, scope, Role.SecurityAdmin, Input.OrgUnitId, scope.HoldsSystemWide(Role.SecurityAdmin), ct);
    }
}
