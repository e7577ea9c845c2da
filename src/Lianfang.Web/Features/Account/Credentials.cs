using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lianfang.Web.Features.Account;

/// <summary>Identity's sign-in manager, with the step after a checked password open to a directory sign-in as well.</summary>
public sealed class AppSignInManager(UserManager<AppUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>After the password was found right: the page session, or the step that asks for the second factor.</summary>
    public Task<SignInResult> CompleteAsync(AppUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);
}

/// <summary>The outcome of checking a name and password, with what the user is told when it is refused.</summary>
public sealed record CredentialCheck(AppUser? User, bool Succeeded, string? Title = null, string? Detail = null, int Status = 401, bool Directory = false)
{
    /// <summary>How the sign-in record names the way it came (网页, API) — through the directory when it did.</summary>
    public string Channel(string way) => Directory ? $"{way}（目录）" : way;
}

/// <summary>
/// One check of a name and password for the login page and the token API. A local account (every account made in
/// Lianfang, the 三员 among them) is checked against its own password; with <c>Lianfang:Directory</c> on, any other name is
/// the directory's: its bind decides, and its shadow account is brought up to date (<see cref="DirectoryAccounts"/>).
/// Lockout is the same for both: a wrong password counts against the account, and a locked account is refused before
/// the directory is asked.
/// </summary>
public sealed class Credentials(SignInManager<AppUser> signIn, DirectoryOptions directory, LdapDirectory ldap, DirectoryAccounts accounts,
    PasswordPolicies policies)
{
    public const string Wrong = "用户名或密码错误";

    public async Task<CredentialCheck> CheckAsync(string name, string password, CancellationToken ct)
    {
        var policy = policies.Current;
        CredentialCheck Locked(AppUser user, bool viaDirectory) =>
            new(user, false, "账号已锁定", $"登录失败次数过多，账号已锁定（{policy.LockoutHint}），可请安全管理员解锁", Directory: viaDirectory);
        var user = name.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(name);
        if (user is null && (!directory.Enabled || name.Length == 0) || string.IsNullOrEmpty(password))
            return new(user, false, Wrong, $"{Wrong}；{policy.LockoutHint}");
        if (user is { FromDirectory: false })
        {
            var local = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            return local.Succeeded ? new(user, true) : local.IsLockedOut ? Locked(user, false) : new(user, false, Wrong, $"{Wrong}；{policy.LockoutHint}");
        }

        if (!directory.Enabled)
            return new(user, false, "目录登录未启用", "该账号由目录（LDAP）管理，而目录登录现已关闭，请联系系统管理员", 403, true);
        if (user is not null && await signIn.UserManager.IsLockedOutAsync(user)) return Locked(user, true);
        var check = await ldap.CheckAsync(name, password, ct);
        switch (check.Verdict)
        {
            case DirectoryVerdict.WrongPassword:
                if (user is null) return new(null, false, Wrong, $"{Wrong}；{policy.LockoutHint}", Directory: true); // nothing is made for a wrong password
                await signIn.UserManager.AccessFailedAsync(user);
                return await signIn.UserManager.IsLockedOutAsync(user) ? Locked(user, true)
                    : new(user, false, Wrong, $"{Wrong}；{policy.LockoutHint}", Directory: true);
            case DirectoryVerdict.Locked:
                return new(user, false, "目录账号已锁定", "您的目录账号已被锁定或停用，请联系统一身份认证（目录）管理员解锁", Directory: true);
            case DirectoryVerdict.PasswordExpired:
                return new(user, false, "目录账号密码已过期", "您的目录账号密码已过期或须修改，请先在统一身份认证（目录）中修改密码", Directory: true);
            case DirectoryVerdict.Unavailable:
                return new(user, false, "目录服务不可用", "暂时无法连接目录服务（LDAP），目录账号请稍后再试；系统管理员等本地账号不受影响", 503, true);
        }
        try
        {
            user = await accounts.SyncAsync(name, check.User!, ct);
        }
        catch (DomainException e)
        {
            return new(user, false, "目录账号无法登录", e.Message, 403, true);
        }
        catch (ValidationFailedException e) // a directory name Identity cannot keep, or the same first sign-in twice at once
        {
            return new(user, false, "目录账号无法登录", $"{e.Message}，请联系系统管理员", 403, true);
        }
        await signIn.UserManager.ResetAccessFailedCountAsync(user);
        return new(user, true, Directory: true);
    }
}
