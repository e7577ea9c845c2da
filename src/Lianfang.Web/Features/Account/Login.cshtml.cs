using System.ComponentModel.DataAnnotations;
using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Account;

[EnableRateLimiting(Startup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, AppDbContext db, IConfiguration config, PasswordPolicies policies) : PageModel
{
    public sealed class LoginInput
    {
        [Required(ErrorMessage = "请输入用户名")] public string UserName { get; set; } = "";
        [Required(ErrorMessage = "请输入密码")] public string Password { get; set; } = "";
    }

    [BindProperty] public LoginInput Input { get; set; } = new();
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Safe(returnUrl);
        if (!ModelState.IsValid) return Page();
        var name = Input.UserName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(name);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) await Sessions.OnSignedInAsync(signIn, config, user!);
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = ReturnUrl }); // recorded when the code is given
        var refusal = result.Succeeded ? null : result.IsLockedOut ? $"登录失败次数过多，账号已锁定（{policies.Current.LockoutHint}），可请安全管理员解锁" : "用户名或密码错误";
        await db.RecordSignInAsync(result.Succeeded, user?.Id, name, SignIns.Address(HttpContext), "网页", refusal, HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect(ReturnUrl);
        ModelState.AddModelError("", refusal!);
        return Page();
    }

    /// <summary>Only local paths, so the login page cannot be used to send people elsewhere.</summary>
    private string Safe(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";
}
