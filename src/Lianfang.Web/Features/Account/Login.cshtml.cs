using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Lianfang.Web.Features.Account;

[EnableRateLimiting(Startup.LoginRateLimit)]
public sealed class LoginModel(AppSignInManager signIn, AppDbContext db, IConfiguration config, Credentials credentials) : PageModel
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
        var check = await credentials.CheckAsync(name, Input.Password, HttpContext.RequestAborted);
        var result = check.Succeeded ? await signIn.CompleteAsync(check.User!) : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (result.Succeeded) await Sessions.OnSignedInAsync(signIn, config, check.User!);
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = ReturnUrl }); // recorded when the code is given
        // the page shows the whole reason; the wrong-password one without the lockout hint, which the page prints below anyway
        var refusal = result.Succeeded ? null : check.Title == Credentials.Wrong ? Credentials.Wrong : check.Detail ?? Credentials.Wrong;
        await db.RecordSignInAsync(result.Succeeded, check.User?.Id, name, SignIns.Address(HttpContext), check.Channel("网页"),
            result.Succeeded ? null : check.Title ?? Credentials.Wrong, HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect(ReturnUrl);
        ModelState.AddModelError("", refusal!);
        return Page();
    }

    /// <summary>Only local paths, so the login page cannot be used to send people elsewhere.</summary>
    private string Safe(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";
}
