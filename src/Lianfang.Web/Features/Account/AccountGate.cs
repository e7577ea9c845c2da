using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lianfang.Web.Features.Account;

/// <summary>
/// What every signed-in request passes before it reaches a page or endpoint (等保 identity controls): an API token dies
/// with the account's security stamp (password changed or reset, second factor changed, a single-session sign-in); a
/// password owed (set by someone else, or past the policy's expiry) and a second factor the role requires are dealt
/// with first — pages lead to 安全设置, the API answers 403.
/// </summary>
public static class AccountGate
{
    /// <summary>Where an account that owes a password or a second factor may still go: 安全设置, signing out, the public pages.</summary>
    private static readonly string[] Open = ["/Account", "/Error", "/Verify", "/public", "/api/v1/verify", "/healthz"];

    public static IApplicationBuilder UseAccountGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var policies = services.GetRequiredService<PasswordPolicies>();
        if (policies.Stale) await policies.RefreshAsync(services.GetRequiredService<AppDbContext>(), ct); // a context only twice a minute, not per request
        if (http.User.Identity?.IsAuthenticated != true) { await next(); return; }

        var me = services.GetRequiredService<CurrentUser>();
        var scope = await me.ScopeAsync(ct); // loaded once per request, the account's state with it
        var account = await me.AccountAsync(ct);
        var api = http.Request.Path.StartsWithSegments("/api");
        if (account is not null && api && Stale(http, account))
        {
            await Problems.Result(401, "令牌已失效", "账号的密码、两步验证或登录会话已变更，请重新申请访问令牌").ExecuteAsync(http);
            return;
        }
        if (account is not null && !Open.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            var policy = policies.Current;
            if (policy.Owed(account.MustChangePassword, account.PasswordChangedAt, services.GetRequiredService<TimeProvider>().UtcNow()) is { } owed)
            {
                if (api) await Problems.Result(403, "须先修改密码", $"{owed}，须先登录网页在“安全设置”中修改密码").ExecuteAsync(http);
                else http.Response.Redirect($"/Account/Manage?password={(account.MustChangePassword ? "initial" : "expired")}");
                return;
            }
            if (services.GetRequiredService<MfaPolicy>().RequiredFor(scope.Grants.Select(g => g.Role)) && !account.SecondFactor)
            {
                if (api) await Problems.Result(403, "须先启用两步验证", "该账号的角色须使用两步验证，请先在“安全设置”中启用").ExecuteAsync(http);
                else http.Response.Redirect("/Account/Manage?mfa=required");
                return;
            }
        }
        await next();
    });

    /// <summary>A token issued under an earlier security stamp than the account's now.</summary>
    private static bool Stale(HttpContext http, SignedInAccount account)
    {
        var claim = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = http.User.FindFirst(claim)?.Value;
        return stamp is null || stamp != account.SecurityStamp;
    }
}
