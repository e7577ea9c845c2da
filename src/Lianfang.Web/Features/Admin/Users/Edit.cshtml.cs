using Lianfang.Core.Access;
using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Admin.Users;

public sealed class EditModel(AppDbContext db, CurrentUser me, UserManager<AppUser> users) : PageModel
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
    public bool TwoFactor { get; private set; }
    public bool Locked { get; private set; }
    public List<GrantRow> Grants { get; private set; } = [];
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
        var req = new CreateUserRequest(Input.UserName, Input.Password, Input.PersonId, Input.DisplayName, [new GrantDto(Input.Role, Input.OrgUnitId)], Input.Email);
        var user = await CreateUser.HandleAsync(db, users, await me.ScopeAsync(ct), req, ct);
        TempData["Message"] = $"已创建账号 {user.UserName}";
        return RedirectToPage(new { id = user.Id });
    }

    public async Task<IActionResult> OnPostAddGrantAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var grants = await CreateUser.ResolveGrantsAsync(db, await me.ScopeAsync(ct), [new GrantDto(Input.Role, Input.OrgUnitId)], ct);
        foreach (var g in grants)
        {
            var role = g.Role;
            if (await db.UserGrants.AnyAsync(x => x.UserId == id && x.Role == role && x.OrgUnitId == g.OrgUnitId, ct)) continue;
            g.UserId = id;
            db.UserGrants.Add(g);
        }
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "已添加权限";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveGrantAsync(int id, int grantId, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var scope = await me.ScopeAsync(ct);
        var grant = await db.UserGrants.Include(g => g.OrgUnit).FirstOrDefaultAsync(g => g.Id == grantId && g.UserId == id, ct)
            ?? throw DomainException.NotFound("grantId", "权限不存在");
        if (!scope.CanGrant(grant.Role, grant.OrgUnit?.Path)) throw DomainException.Forbidden("无权移除这项权限");
        if (id == scope.UserId && grant.Role == Role.Admin) throw DomainException.Conflict("grantId", "不能移除自己的管理员权限");
        db.UserGrants.Remove(grant);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "已移除权限";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var user = await users.FindByIdAsync(id.ToString()) ?? throw DomainException.NotFound("id", "账号不存在");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        CreateUser.Check(await users.ResetPasswordAsync(user, token, Input.Password ?? ""));
        TempData["Message"] = "密码已重置";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEmailAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var user = await users.FindByIdAsync(id.ToString()) ?? throw DomainException.NotFound("id", "账号不存在");
        await CreateUser.SetEmailAsync(users, user, Input.Email);
        TempData["Message"] = string.IsNullOrWhiteSpace(Input.Email) ? "已清除电子邮箱" : "电子邮箱已修改";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var user = await users.FindByIdAsync(id.ToString()) ?? throw DomainException.NotFound("id", "账号不存在");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Message"] = "已解除锁定";
        return RedirectToPage(new { id });
    }

    /// <summary>Loads the account (only one the admin may see) and the choices the form needs.</summary>
    private async Task LoadAsync(int? id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        if (!scope.IsAdmin) throw DomainException.Forbidden("只有系统管理员可以管理账号");
        Id = id;
        UnitSelect = await UnitSelect.LoadAsync(db, scope, Input.OrgUnitId, scope.IsSystemAdmin, ct);
        if (id is null)
        {
            People = await db.People.AsNoTracking().Visible(scope).Where(p => !db.Users.Any(u => u.PersonId == p.Id))
                .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.Name).Take(500)
                .Select(p => new PersonOption(p.Id, p.Name, p.OrgUnit.Name)).ToListAsync(ct);
            return;
        }
        var user = await UserQueries.Visible(db, scope).Where(u => u.Id == id)
            .Select(u => new { u.UserName, u.DisplayName, Person = u.Person == null ? null : u.Person.Name, u.TwoFactorEnabled, u.LockoutEnd, u.Email })
            .FirstOrDefaultAsync(ct) ?? throw DomainException.NotFound("id", "账号不存在或不在您的管理范围内");
        UserName = user.UserName;
        Input.DisplayName = user.DisplayName;
        Input.Email ??= user.Email; // what was typed comes back with an error
        PersonName = user.Person;
        TwoFactor = user.TwoFactorEnabled;
        Locked = user.LockoutEnd > DateTimeOffset.UtcNow;
        Grants = await db.UserGrants.AsNoTracking().Where(g => g.UserId == id).OrderBy(g => g.Id)
            .Select(g => new GrantRow(g.Id, g.Role, g.OrgUnit == null ? null : g.OrgUnit.Name)).ToListAsync(ct);
    }
}
