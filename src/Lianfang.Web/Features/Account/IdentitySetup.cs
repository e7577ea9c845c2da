using Lianfang.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lianfang.Web.Features.Account;

public static class IdentitySetup
{
    public const string Scheme = "Lianfang";

    /// <summary>
    /// Cookie for pages, bearer tokens for /api (which answers 401, never a redirect). 等保: a page session ends after
    /// <c>Lianfang:Security:IdleMinutes</c> without a request (30 by default), and with <c>Lianfang:Security:SingleSession</c>
    /// a new sign-in ends the account's other page sessions.
    /// </summary>
    public static void AddLianfangIdentity(this IServiceCollection services, IConfiguration config)
    {
        var idle = TimeSpan.FromMinutes(config.GetValue("Lianfang:Security:IdleMinutes", 30.0));
        var single = config.GetValue("Lianfang:Security:SingleSession", false);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer", o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies(c => c.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Error";
                o.ExpireTimeSpan = idle;
                o.SlidingExpiration = true; // each request within the idle time keeps the session
                o.Cookie.Name = "lianfang";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordPolicies>();
        services.AddIdentityCore<AppUser>(o =>
            {
                // ASVS 2.1: length over composition rules. Length and lockout are the security administrator's
                // (PasswordPolicies, applied per request by AppUserManager); these are the floor.
                o.Password.RequiredLength = PasswordPolicy.LengthFloor;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddUserManager<AppUserManager>()
            .AddSignInManager<AppSignInManager>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>();
        // a sign-in renews the security stamp (SingleSession): checked on every request, older cookies stop at once
        if (single) services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}

public static class Sessions
{
    /// <summary>
    /// After every successful sign-in (page or API). An account whose password age is unknown (older than the policy)
    /// counts its expiry from now. With <c>Lianfang:Security:SingleSession</c>, one session per account: a new security
    /// stamp ends every cookie and API token issued before this sign-in, and a page session is issued again under it.
    /// </summary>
    public static async Task OnSignedInAsync(SignInManager<AppUser> signIn, IConfiguration config, AppUser user, bool page = true)
    {
        if (user.PasswordChangedAt is null && !user.FromDirectory) // a directory account's password is the directory's, its age too
        {
            user.PasswordChangedAt = signIn.Context.RequestServices.GetRequiredService<TimeProvider>().UtcNow();
            await signIn.UserManager.UpdateAsync(user);
        }
        if (!config.GetValue("Lianfang:Security:SingleSession", false)) return;
        await signIn.UserManager.UpdateSecurityStampAsync(user);
        if (page) await signIn.SignInAsync(user, isPersistent: false);
    }
}

/// <summary>Identity's messages in Chinese.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "用户名只能包含字母、数字和 - . _ @" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要包含 {uniqueChars} 个不同的字符" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确" };
    public override IdentityError RecoveryCodeRedemptionFailed() => new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = "恢复码不正确或已用过" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "验证码无效或已过期" };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "该账号未启用锁定" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "账号已被他人修改，请刷新后重试" };
}
