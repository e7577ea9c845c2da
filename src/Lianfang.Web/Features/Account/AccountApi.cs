using Lianfang.Core.Access;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Lianfang.Web.Features.Account;

/// <param name="TotpCode">the authenticator's 6-digit code, for an account with 两步验证</param>
/// <param name="RecoveryCode">instead of the code: one of the recovery codes shown when 两步验证 was enabled (each works once)</param>
public sealed record TokenRequest(string? UserName, string? Password, string? TotpCode, string? RecoveryCode = null);
public sealed record GrantDto(string? Role, int? OrgUnitId);
/// <param name="Email">where notices of the user's 待办 are mailed (optional)</param>
/// <param name="OrgUnitId">the unit whose administrators keep the account (default: the person's unit)</param>
/// <param name="Grants">must be empty: roles are granted by the security administrator (三员分立)</param>
public sealed record CreateUserRequest(string? UserName, string? Password, int? PersonId, string? DisplayName, List<GrantDto>? Grants,
    string? Email = null, int? OrgUnitId = null);
public sealed record UserGrantDto(int Id, string Role, int? OrgUnitId);
/// <param name="Directory">kept by the directory (LDAP): no local password, grants from its groups at each sign-in</param>
public sealed record UserDto(int Id, string UserName, string? DisplayName, int? PersonId, int? OrgUnitId, bool TwoFactorEnabled, bool LockedOut,
    IReadOnlyList<UserGrantDto> Grants, string? Email, bool Directory);
public sealed record EmailRequest(string? Email);
/// <param name="Directory">the directory (LDAP) keeps the account: its password, groups (hence grants) and person</param>
/// <param name="Notices">what the account lacks, e.g. a directory account in no mapped group</param>
public sealed record MeDto(int Id, string UserName, string? DisplayName, int? PersonId, bool Directory, IReadOnlyList<UserGrantDto> Grants,
    IReadOnlyList<string> Notices);

public static class AccountApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken).AllowAnonymous().RequireRateLimiting(Startup.LoginRateLimit)
            .WithTags("账号").WithSummary("用用户名和密码换取访问令牌")
            .Produces<AccessTokenResponse>().ProducesProblem(401);

        api.MapGet("/auth/me", async (CurrentUser me, AppDbContext db, DirectoryOptions directory, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var u = await db.Users.Where(x => x.Id == scope.UserId).Select(x => new { x.Id, x.UserName, x.DisplayName, x.PersonId, x.DirectoryDn,
                Grants = x.Grants.OrderBy(g => g.Id).Select(g => new { g.Id, g.Role, g.OrgUnitId }).ToList() }).FirstAsync(ct);
            return new MeDto(u.Id, u.UserName!, u.DisplayName, u.PersonId, u.DirectoryDn is not null,
                u.Grants.Select(g => new UserGrantDto(g.Id, g.Role.Code(), g.OrgUnitId)).ToList(),
                DirectoryAccounts.Notices(directory, u.DirectoryDn is not null, u.Grants.Count, u.PersonId));
        }).WithTags("账号").WithSummary("当前账号：角色和机构、关联人员；目录账号未映射角色或未关联人员时在 notices 中说明");

        var security = api.MapGroup("/security").WithTags("账号");
        security.MapGet("/password-policy", async (CurrentUser me, AppDbContext db, PasswordPolicies policies, CancellationToken ct) =>
        {
            if (!(await me.ScopeAsync(ct)).IsSecurityAdmin) throw DomainException.Forbidden("安全策略由安全管理员查看和设置");
            return await policies.ReadAsync(db, ct);
        }).WithSummary("密码和锁定策略（安全管理员）");
        security.MapPut("/password-policy",
            async (PasswordPolicyRequest req, CurrentUser me, AppDbContext db, PasswordPolicies policies, CancellationToken ct) =>
        {
            await policies.SaveAsync(db, await me.ScopeAsync(ct), await me.DisplayNameAsync(ct), req, ct);
            return await policies.ReadAsync(db, ct);
        }).WithSummary("设置密码和锁定策略 {minLength, expiryDays, changeInitial, maxFailedAttempts, lockoutMinutes, version}（全系统的安全管理员）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

        var users = api.MapGroup("/users").WithTags("账号");
        users.MapPost("/", async (CreateUserRequest req, CurrentUser me, AppDbContext db, AppUserManager um, CancellationToken ct) =>
        {
            var user = await CreateUser.HandleAsync(db, um, await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/users/{user.Id}", new { id = user.Id });
        }).WithSummary("新建账号（系统管理员；orgUnitId 为管理该账号的机构，默认人员所在机构；权限由安全管理员另行授予）").ProducesProblem(400).ProducesProblem(403);
        users.MapGet("/", async (CurrentUser me, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            UserQueries.EnsureKeeper(scope);
            return await UserQueries.ToDtosAsync(UserQueries.Visible(db, scope).OrderBy(u => u.UserName), time.GetUtcNow(), ct);
        }).WithSummary("账号列表（系统管理员、安全管理员）");
        users.MapGet("/{id:int}",
            async Task<Results<Ok<UserDto>, ProblemHttpResult>> (int id, CurrentUser me, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            UserQueries.EnsureKeeper(scope);
            var dto = (await UserQueries.ToDtosAsync(UserQueries.Visible(db, scope).Where(u => u.Id == id), time.GetUtcNow(), ct)).FirstOrDefault();
            return dto is null ? (ProblemHttpResult)Problems.NotFound("账号") : TypedResults.Ok(dto);
        }).WithSummary("查看账号（系统管理员、安全管理员）");
        users.MapPost("/{id:int}/grants", async (int id, GrantDto req, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var g = await AccountGrants.AddAsync(db, await me.ScopeAsync(ct), id, req, ct);
            return TypedResults.Created($"/api/v1/users/{id}/grants/{g.Id}", new { id = g.Id });
        }).WithSummary("授予权限 {role, orgUnitId}（安全管理员；系统管理员、安全管理员、审计管理员不得由同一账号兼任）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        users.MapDelete("/{id:int}/grants/{grantId:int}", async (int id, int grantId, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            await AccountGrants.RemoveAsync(db, await me.ScopeAsync(ct), id, grantId, ct);
            return TypedResults.NoContent();
        }).WithSummary("收回权限（安全管理员）").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        users.MapPost("/{id:int}/unlock", async (int id, CurrentUser me, AppDbContext db, UserManager<AppUser> um, CancellationToken ct) =>
        {
            await AccountGrants.UnlockAsync(db, um, await me.ScopeAsync(ct), id, ct);
            return TypedResults.NoContent();
        }).WithSummary("解除登录锁定（安全管理员）").ProducesProblem(403).ProducesProblem(404);
        users.MapPut("/{id:int}/email", async (int id, EmailRequest req, CurrentUser me, AppDbContext db, UserManager<AppUser> um, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            if (!scope.IsAdmin) throw DomainException.Forbidden("只有系统管理员可以修改账号");
            var user = await UserQueries.Visible(db, scope).FirstOrDefaultAsync(u => u.Id == id, ct)
                ?? throw DomainException.NotFound("id", "账号不存在或不在您的管理范围内");
            await CreateUser.SetEmailAsync(um, user, req.Email);
            return TypedResults.NoContent();
        }).WithSummary("修改账号的电子邮箱（管理员）").ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<IResult> IssueToken(TokenRequest req, HttpContext http, SignInManager<AppUser> signIn, AppDbContext db, MfaPolicy mfa,
        PasswordPolicies policies, IConfiguration config, Credentials credentials, TimeProvider time, CancellationToken ct)
    {
        var name = req.UserName?.Trim() ?? "";
        var check = await credentials.CheckAsync(name, req.Password ?? "", ct);
        var user = check.User;
        var policy = policies.Current;
        // every attempt is recorded, successful or not, with the address it came from
        async Task<IResult> Refused(int status, string title, string detail)
        {
            await db.RecordSignInAsync(false, user?.Id, name, SignIns.Address(http), check.Channel("API"), title, ct);
            return Problems.Result(status, title, detail);
        }
        if (!check.Succeeded) return await Refused(check.Status, check.Title!, check.Detail!);
        if (user is null) throw new InvalidOperationException("a credential check succeeded without an account");
        if (policy.Owed(user.MustChangePassword, user.PasswordChangedAt, time.UtcNow()) is { } owed)
            return await Refused(403, "须先修改密码", $"{owed}，须先登录网页在“安全设置”中修改密码，之后再申请令牌");
        if (await mfa.PendingAsync(db, user.Id, ct))
            return await Refused(403, "须先启用两步验证", "该账号的角色须使用两步验证：请先登录网页在“安全设置”中启用，之后凭验证器上的动态码（totpCode）申请令牌");
        var channel = check.Channel("API");
        if (user.TwoFactorEnabled)
        {
            var recovery = (req.RecoveryCode ?? "").Replace(" ", "");
            if (string.IsNullOrEmpty(req.TotpCode) && recovery.Length > 0)
            {
                if (!(await signIn.UserManager.RedeemTwoFactorRecoveryCodeAsync(user, recovery)).Succeeded)
                    return await Refused(401, "恢复码不正确或已用过", "请核对启用两步验证时保存的恢复码；每个恢复码只能用一次");
                channel = check.Channel("API（恢复码）");
            }
            else if (!await signIn.UserManager.VerifyTwoFactorTokenAsync(user, signIn.Options.Tokens.AuthenticatorTokenProvider,
                         (req.TotpCode ?? "").Replace(" ", "")))
                return await Refused(401, "需要动态验证码", "该账号已启用两步验证，请在 totpCode 中提供验证器上的 6 位动态码（手机不在身边时在 recoveryCode 中提供一个恢复码）");
            else channel = check.Channel("API（动态码）");
        }
        await Sessions.OnSignedInAsync(signIn, config, user, page: false);
        await db.RecordSignInAsync(true, user.Id, user.UserName!, SignIns.Address(http), channel, null, ct);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}

internal static class UserQueries
{
    /// <summary>Accounts are kept by the system administrator (the account itself) and the security administrator (its grants).</summary>
    public static readonly Role[] Keepers = [Role.Admin, Role.SecurityAdmin];

    public static bool IsKeeper(AccessScope scope) => scope.Grants.Any(g => Keepers.Contains(g.Role));

    public static void EnsureKeeper(AccessScope scope)
    {
        if (!IsKeeper(scope)) throw DomainException.Forbidden("只有系统管理员和安全管理员可以查看账号");
    }

    /// <summary>
    /// A keeper of a subtree sees the accounts kept in it, or holding a grant or a person there; a keeper of the whole
    /// system sees every account.
    /// </summary>
    public static IQueryable<AppUser> Visible(AppDbContext db, AccessScope scope)
    {
        if (Keepers.Any(scope.HoldsSystemWide)) return db.Users;
        var units = db.OrgUnits.HeldBy(scope, Keepers).Select(u => u.Id);
        return db.Users.Where(u => (u.OrgUnitId != null && units.Contains(u.OrgUnitId.Value))
                                 || u.Grants.Any(g => g.OrgUnitId != null && units.Contains(g.OrgUnitId.Value))
                                 || (u.Person != null && units.Contains(u.Person.OrgUnitId)));
    }

    public static async Task<List<UserDto>> ToDtosAsync(IQueryable<AppUser> users, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await users.Select(u => new { u.Id, u.UserName, u.DisplayName, u.PersonId, u.OrgUnitId, u.TwoFactorEnabled, u.LockoutEnd, u.Email,
            u.DirectoryDn,
            Grants = u.Grants.Select(g => new { g.Id, g.Role, g.OrgUnitId }).ToList() }).ToListAsync(ct);
        // LockoutEnd compared with now here, not in the query: SQLite cannot order DateTimeOffset
        return rows.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.PersonId, u.OrgUnitId, u.TwoFactorEnabled, u.LockoutEnd > now,
            u.Grants.Select(g => new UserGrantDto(g.Id, g.Role.Code(), g.OrgUnitId)).ToList(), u.Email, u.DirectoryDn is not null)).ToList();
    }
}

public static class CreateUser
{
    public static async Task<AppUser> HandleAsync(AppDbContext db, AppUserManager users, AccessScope scope, CreateUserRequest req, CancellationToken ct)
    {
        if (!scope.IsAdmin) throw DomainException.Forbidden("只有系统管理员可以新建账号");
        if (req.Grants is { Count: > 0 })
            throw DomainException.Forbidden("权限由安全管理员授予（三员分立）：账号建好后，请安全管理员在“账号”页或用 POST /api/v1/users/{id}/grants 授予");
        var userName = Text.Required(req.UserName, "userName", "用户名", 64);
        if (string.IsNullOrEmpty(req.Password)) throw new DomainException("password", "密码不能为空");
        int? personUnit = null;
        if (req.PersonId is { } pid)
            personUnit = await db.People.Visible(scope).Where(p => p.Id == pid).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("personId", "人员不存在或不在您的管理范围内");
        var home = req.OrgUnitId ?? personUnit;
        if (home is { } h)
        {
            var path = await db.OrgUnits.Where(u => u.Id == h).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null || !scope.HoldsOver(Role.Admin, path)) throw new DomainException("orgUnitId", "所属机构不存在或不在您的管理范围内");
        }
        else if (!scope.IsSystemAdmin) throw new DomainException("orgUnitId", "请选择管理该账号的机构");

        var email = Email(req.Email);
        var user = new AppUser
        {
            UserName = userName, PersonId = req.PersonId, OrgUnitId = home, CreatedAt = users.Time.UtcNow(), Email = email,
            DisplayName = Text.Optional(req.DisplayName, "displayName", "显示名称", 100),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Check(await users.SetForUserAsync(user, req.Password));
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>An optional e-mail address, checked: where notices of the user's 待办 are mailed.</summary>
    public static string? Email(string? raw)
    {
        var email = Text.Optional(raw, "email", "电子邮箱", 256);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _)) throw new DomainException("email", "电子邮箱格式不正确");
        return email;
    }

    /// <summary>Changes (or clears) an account's e-mail; by an administrator on 账号 or by the user in 安全设置.</summary>
    public static async Task SetEmailAsync(UserManager<AppUser> users, AppUser user, string? raw)
    {
        var email = Email(raw);
        // where notices go, not a credential (Identity's SetEmailAsync would renew the security stamp and end every session and token)
        user.Email = email;
        await users.UpdateNormalizedEmailAsync(user);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) throw new DomainException("email", string.Join("；", result.Errors.Select(e => e.Description)));
    }

    public static void Check(IdentityResult result)
    {
        if (result.Succeeded) return;
        var errors = result.Errors.Select(e => new FieldError(e.Code.StartsWith("Password") ? "password" : "userName", e.Description)).ToList();
        throw new ValidationFailedException(errors, string.Join("；", errors.Select(e => e.Message)),
            result.Errors.Any(e => e.Code == "DuplicateUserName") ? 409 : 400);
    }
}

/// <summary>Roles, grants and unlocking: the security administrator's (三员分立), within the subtree it holds.</summary>
public static class AccountGrants
{
    private static void EnsureSecurityAdmin(AccessScope scope)
    {
        if (!scope.IsSecurityAdmin) throw DomainException.Forbidden("权限的授予、收回和账号解锁由安全管理员办理");
    }

    private static async Task<AppUser> LoadAsync(AppDbContext db, AccessScope scope, int userId, CancellationToken ct) =>
        await UserQueries.Visible(db, scope).Include(u => u.Grants).FirstOrDefaultAsync(u => u.Id == userId, ct)
        ?? throw DomainException.NotFound("id", "账号不存在或不在您的管理范围内");

    public static async Task<UserGrant> AddAsync(AppDbContext db, AccessScope scope, int userId, GrantDto req, CancellationToken ct)
    {
        EnsureSecurityAdmin(scope);
        var user = await LoadAsync(db, scope, userId, ct);
        if (userId == scope.UserId) throw DomainException.Forbidden("不能给自己授予权限");
        if (user.FromDirectory) // the next sign-in would replace it: say so now rather than let it vanish
            throw DomainException.Conflict("id", "该账号由目录管理，权限按目录组映射（Lianfang:Directory:Groups）在每次登录时更新，请在目录中调整其所在的组");
        var role = Roles.Parse(req.Role) ?? throw new DomainException("role",
            $"角色“{req.Role}”无效，可选：{string.Join("、", Roles.Every.Select(r => $"{r.Code()}（{r.Label()}）"))}");
        string? path = null;
        if (req.OrgUnitId is { } unitId)
        {
            path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null || !scope.HoldsOver(Role.SecurityAdmin, path)) throw new DomainException("orgUnitId", "机构不存在或不在您的管理范围内");
        }
        else if (!role.IsAdministrator()) throw new DomainException("orgUnitId", $"{role.Label()}须设在某个机构上（只有三员可以是全系统的）");
        if (!scope.CanGrant(role, path)) throw DomainException.Forbidden($"无权授予{role.Label()}{(path is null ? "（全系统）" : "")}");
        if (role.SeparationConflict(user.Grants.Select(g => g.Role)) is { } conflict) throw DomainException.Conflict("role", conflict);
        if (user.Grants.Any(g => g.Role == role && g.OrgUnitId == req.OrgUnitId)) throw DomainException.Conflict("role", $"该账号已有这项权限（{role.Label()}）");
        var grant = new UserGrant { UserId = userId, Role = role, OrgUnitId = req.OrgUnitId };
        db.UserGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        return grant;
    }

    public static async Task RemoveAsync(AppDbContext db, AccessScope scope, int userId, int grantId, CancellationToken ct)
    {
        EnsureSecurityAdmin(scope);
        var user = await LoadAsync(db, scope, userId, ct);
        var grant = await db.UserGrants.Include(g => g.OrgUnit).FirstOrDefaultAsync(g => g.Id == grantId && g.UserId == user.Id, ct)
            ?? throw DomainException.NotFound("grantId", "权限不存在");
        if (userId == scope.UserId) throw DomainException.Conflict("grantId", "不能收回自己的权限");
        if (!scope.CanGrant(grant.Role, grant.OrgUnit?.Path)) throw DomainException.Forbidden("无权收回这项权限");
        db.UserGrants.Remove(grant);
        await db.SaveChangesAsync(ct);
    }

    public static async Task UnlockAsync(AppDbContext db, UserManager<AppUser> users, AccessScope scope, int userId, CancellationToken ct)
    {
        EnsureSecurityAdmin(scope);
        var user = await LoadAsync(db, scope, userId, ct); // tracked by the context UserManager shares
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }
}
