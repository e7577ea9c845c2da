using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Account;

[EnableRateLimiting(Startup.LoginRateLimit)]
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, AppDbContext db, IConfiguration config) : PageModel
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
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", "").Replace("-", ""), isPersistent: false, rememberClient: false);
        var refusal = result.Succeeded ? null : result.IsLockedOut ? "失败次数过多，账号已锁定 15 分钟" : "动态码不正确";
        await db.RecordSignInAsync(result.Succeeded, user.Id, user.UserName!, SignIns.Address(HttpContext), "网页（动态码）", refusal, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            await Sessions.OnSignedInAsync(signIn, config, user.UserName!);
            return LocalRedirect(ReturnUrl);
        }
        ModelState.AddModelError("", refusal!);
        return Page();
    }
}
