using Lianfang.Core.Access;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Lianfang.Web.Features.Account;

public sealed record TokenRequest(string? UserName, string? Password, string? TotpCode);
public sealed record GrantDto(string? Role, int? OrgUnitId);
/// <param name="Email">where notices of the user's 待办 are mailed (optional)</param>
public sealed record CreateUserRequest(string? UserName, string? Password, int? PersonId, string? DisplayName, List<GrantDto>? Grants, string? Email = null);
public sealed record UserDto(int Id, string UserName, string? DisplayName, int? PersonId, bool TwoFactorEnabled, bool LockedOut, IReadOnlyList<GrantDto> Grants, string? Email);
public sealed record EmailRequest(string? Email);

public static class AccountApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken).AllowAnonymous().RequireRateLimiting(Startup.LoginRateLimit)
            .WithTags("账号").WithSummary("用用户名和密码换取访问令牌")
            .Produces<AccessTokenResponse>().ProducesProblem(401);

        var users = api.MapGroup("/users").WithTags("账号");
        users.MapPost("/", async (CreateUserRequest req, CurrentUser me, AppDbContext db, UserManager<AppUser> um, CancellationToken ct) =>
        {
            var user = await CreateUser.HandleAsync(db, um, await me.ScopeAsync(ct), req, ct);
            return TypedResults.Created($"/api/v1/users/{user.Id}", new { id = user.Id });
        }).WithSummary("新建账号（管理员）").ProducesProblem(400).ProducesProblem(403);
        users.MapGet("/", async (CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            if (!scope.IsAdmin) throw DomainException.Forbidden("只有系统管理员可以查看账号");
            return await UserQueries.ToDtosAsync(UserQueries.Visible(db, scope).OrderBy(u => u.UserName), ct);
        }).WithSummary("账号列表（管理员）");
        users.MapGet("/{id:int}", async Task<Results<Ok<UserDto>, ProblemHttpResult>> (int id, CurrentUser me, AppDbContext db, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            if (!scope.IsAdmin) throw DomainException.Forbidden("只有系统管理员可以查看账号");
            var dto = (await UserQueries.ToDtosAsync(UserQueries.Visible(db, scope).Where(u => u.Id == id), ct)).FirstOrDefault();
            return dto is null ? (ProblemHttpResult)Problems.NotFound("账号") : TypedResults.Ok(dto);
        }).WithSummary("查看账号（管理员）");
        users.MapPut("/{id:int}/email", async (int id, EmailRequest req, CurrentUser me, AppDbContext db, UserManager<AppUser> um, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            if (!scope.IsAdmin) throw DomainException.Forbidden("只有系统管理员可以修改账号");
            if (!await UserQueries.Visible(db, scope).AnyAsync(u => u.Id == id, ct)) throw DomainException.NotFound("id", "账号不存在或不在您的管理范围内");
            await CreateUser.SetEmailAsync(um, (await um.FindByIdAsync(id.ToString()))!, req.Email);
            return TypedResults.NoContent();
        }).WithSummary("修改账号的电子邮箱（管理员）").ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<IResult> IssueToken(TokenRequest req, SignInManager<AppUser> signIn, AppDbContext db, CancellationToken ct)
    {
        var failed = Problems.Result(401, "用户名或密码错误", "用户名或密码错误；连续输错 5 次账号将锁定 15 分钟");
        if (string.IsNullOrWhiteSpace(req.UserName) || string.IsNullOrEmpty(req.Password)) return failed;
        var user = await signIn.UserManager.FindByNameAsync(req.UserName.Trim());
        if (user is null) return failed;
        var check = await signIn.CheckPasswordSignInAsync(user, req.Password, lockoutOnFailure: true);
        if (check.IsLockedOut) return Problems.Result(401, "账号已锁定", "登录失败次数过多，账号已锁定 15 分钟");
        if (!check.Succeeded) return failed;
        if (user.TwoFactorEnabled && !await signIn.UserManager.VerifyTwoFactorTokenAsync(user,
                signIn.Options.Tokens.AuthenticatorTokenProvider, (req.TotpCode ?? "").Replace(" ", "")))
            return Problems.Result(401, "需要动态验证码", "该账号已启用两步验证，请在 totpCode 中提供验证器上的 6 位动态码");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}

internal static class UserQueries
{
    /// <summary>A subtree admin sees accounts with a grant or a person inside the subtree.</summary>
    public static IQueryable<AppUser> Visible(AppDbContext db, AccessScope scope)
    {
        if (scope.IsSystemAdmin) return db.Users;
        var adminOnly = new AccessScope(scope.UserId, null, scope.Grants.Where(g => g.Role == Role.Admin).ToList());
        var units = db.OrgUnits.Visible(adminOnly).Select(u => u.Id);
        return db.Users.Where(u => u.Grants.Any(g => g.OrgUnitId != null && units.Contains(g.OrgUnitId.Value))
                                 || (u.Person != null && units.Contains(u.Person.OrgUnitId)));
    }

    public static async Task<List<UserDto>> ToDtosAsync(IQueryable<AppUser> users, CancellationToken ct)
    {
        var rows = await users.Select(u => new { u.Id, u.UserName, u.DisplayName, u.PersonId, u.TwoFactorEnabled, u.LockoutEnd, u.Email,
            Grants = u.Grants.Select(g => new { g.Role, g.OrgUnitId }).ToList() }).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow; // compared here: SQLite cannot order DateTimeOffset
        return rows.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.PersonId, u.TwoFactorEnabled, u.LockoutEnd > now,
            u.Grants.Select(g => new GrantDto(g.Role.Code(), g.OrgUnitId)).ToList(), u.Email)).ToList();
    }
}

public static class CreateUser
{
    public static async Task<AppUser> HandleAsync(AppDbContext db, UserManager<AppUser> users, AccessScope scope, CreateUserRequest req, CancellationToken ct)
    {
        if (!scope.IsAdmin) throw DomainException.Forbidden("只有系统管理员可以新建账号");
        var userName = Text.Required(req.UserName, "userName", "用户名", 64);
        if (string.IsNullOrEmpty(req.Password)) throw new DomainException("password", "密码不能为空");
        var grants = await ResolveGrantsAsync(db, scope, req.Grants, ct);
        if (req.PersonId is { } pid && !await db.People.Visible(scope).AnyAsync(p => p.Id == pid, ct))
            throw new DomainException("personId", "人员不存在或不在您的管理范围内");

        var email = Email(req.Email);
        var user = new AppUser { UserName = userName, PersonId = req.PersonId, DisplayName = Text.Optional(req.DisplayName, "displayName", "显示名称", 100), CreatedAt = DateTime.UtcNow, Email = email };
        user.Grants.AddRange(grants);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Check(await users.CreateAsync(user, req.Password));
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>Parses and checks grants: known role, visible unit, within what the caller may grant.</summary>
    public static async Task<List<UserGrant>> ResolveGrantsAsync(AppDbContext db, AccessScope scope, List<GrantDto>? grants, CancellationToken ct)
    {
        var result = new List<UserGrant>();
        foreach (var (g, i) in (grants ?? []).Select((g, i) => (g, i)))
        {
            var role = Roles.Parse(g.Role) ?? throw new DomainException($"grants[{i}].role",
                $"第{i + 1}项权限的角色“{g.Role}”无效，可选：{string.Join("、", Roles.Every.Select(r => r.Code()))}");
            string? path = null;
            if (g.OrgUnitId is { } unitId)
            {
                path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
                if (path is null || !scope.CanRead(path))
                    throw new DomainException($"grants[{i}].orgUnitId", $"第{i + 1}项权限的机构不存在或不在您的管理范围内");
            }
            else if (role != Role.Admin)
                throw new DomainException($"grants[{i}].orgUnitId", $"第{i + 1}项权限需要指定机构（只有系统管理员可以不指定）");
            if (!scope.CanGrant(role, path))
                throw DomainException.Forbidden($"无权授予第{i + 1}项权限（{role.Label()}）");
            if (result.Any(r => r.Role == role && r.OrgUnitId == g.OrgUnitId)) continue;
            result.Add(new UserGrant { Role = role, OrgUnitId = g.OrgUnitId });
        }
        return result;
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
        var result = await users.SetEmailAsync(user, email);
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
