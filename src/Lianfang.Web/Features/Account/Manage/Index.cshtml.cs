using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Account.Manage;

public sealed class IndexModel(AppUserManager users, SignInManager<AppUser> signIn, MfaPolicy mfa, AppDbContext db) : PageModel
{
    /// <summary>The account's role requires a second factor it has not enabled yet: nothing else opens until it does.</summary>
    public bool MfaPending { get; private set; }
    /// <summary>Why the password must be changed before anything else: set by an administrator, or past the policy's expiry.</summary>
    public string? PasswordOwed { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    /// <summary>The directory keeps this account's password: it is changed there, not here.</summary>
    public bool FromDirectory { get; private set; }
    public string? SharedKey { get; private set; }
    public string? AuthenticatorUri { get; private set; }
    /// <summary>Where notices of my 待办 are mailed; what was typed comes back with an error.</summary>
    [BindProperty] public string? Email { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPasswordAsync(string? current, string? next)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.FromDirectory)
        {
            ModelState.AddModelError("", "您的账号由目录（统一身份认证）管理，密码请在目录中修改");
            return await LoadAsync();
        }
        var result = await users.ChangePasswordAsync(user, current ?? "", next ?? "");
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            return await LoadAsync();
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = users.Policy.ExpiryDays > 0 ? $"密码已修改，有效期 {users.Policy.ExpiryDays} 天" : "密码已修改";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(); // loaded first: a refused address re-renders this page with the message
        await CreateUser.SetEmailAsync(users, user, Email);
        TempData["Message"] = string.IsNullOrWhiteSpace(Email) ? "已清除电子邮箱，不再收到邮件通知" : "电子邮箱已修改";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var ok = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, (code ?? "").Replace(" ", ""));
        if (!ok)
        {
            ModelState.AddModelError("", "动态码不正确，请确认手机时间准确后重试");
            return await LoadAsync();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        // for a lost phone: ten one-time codes, shown this once (Identity keeps only their hashes' use)
        TempData["RecoveryCodes"] = string.Join(" ", await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []);
        TempData["Message"] = "两步验证已启用";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage(); // nothing to turn off: the key and the account's sessions stay as they are
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        TempData["Message"] = "两步验证已关闭";
        return RedirectToPage();
    }

    private async Task<IActionResult> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        TwoFactorEnabled = user.TwoFactorEnabled;
        FromDirectory = user.FromDirectory;
        PasswordOwed = users.Policy.Owed(user.MustChangePassword, user.PasswordChangedAt, users.Time.UtcNow()) is { } owed
            ? $"{owed}，请先修改密码，修改后才能使用系统的其他功能。" : null;
        MfaPending = await mfa.PendingAsync(db, user.Id, HttpContext.RequestAborted);
        if (HttpMethods.IsGet(Request.Method)) Email = user.Email;
        if (!TwoFactorEnabled)
        {
            var key = await users.AuthenticatorKeyAsync(user);
            SharedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
            AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("廉防")}:{Uri.EscapeDataString(user.UserName!)}" +
                $"?secret={key}&issuer={Uri.EscapeDataString("廉防")}&digits=6";
        }
        return Page();
    }
}
