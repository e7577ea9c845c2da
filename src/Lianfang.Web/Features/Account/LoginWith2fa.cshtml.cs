using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Account;

[EnableRateLimiting(Startup.LoginRateLimit)]
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, AppDbContext db, IConfiguration config, PasswordPolicies policies) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    public string ReturnUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/Login");
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Account/Login");
        var code = Code.Trim().Replace(" ", "");
        // six digits are the authenticator's code; anything else is one of the recovery codes shown when it was enabled
        var recovery = !(code.Length == 6 && code.All(char.IsAsciiDigit));
        var result = recovery ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var refusal = result.Succeeded ? null : result.IsLockedOut ? $"失败次数过多，账号已锁定（{policies.Current.LockoutHint}）" : recovery ? "恢复码不正确或已用过" : "动态码不正确";
        await db.RecordSignInAsync(result.Succeeded, user.Id, user.UserName!, SignIns.Address(HttpContext), recovery ? "网页（恢复码）" : "网页（动态码）", refusal,
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            await Sessions.OnSignedInAsync(signIn, config, user);
            return LocalRedirect(ReturnUrl);
        }
        ModelState.AddModelError("", refusal!);
        return Page();
    }
}
