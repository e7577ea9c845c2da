using Lianfang.Core.Access;

namespace Lianfang.Web.Features.Account;

/// <summary>
/// 等保 level 3: the roles that must sign in with a second factor (TOTP) — by default the commission, the agency and the
/// three administrators (<c>Lianfang:Security:MfaRequiredFor</c>, role codes, comma-separated; empty turns it off).
/// Until such an account has enabled its authenticator it gets no API token and its pages lead to 安全设置 only.
/// </summary>
public sealed class MfaPolicy(IConfiguration config)
{
    public const string Setting = "Lianfang:Security:MfaRequiredFor";
    private const string Default = "commission,agency,admin,security_admin,auditor";

    public IReadOnlySet<Role> Roles { get; } = (config[Setting] ?? Default)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(code => Core.Access.Roles.Parse(code) ?? throw new InvalidOperationException($"{Setting} 中的角色“{code}”无效"))
        .ToHashSet();

    public bool RequiredFor(IEnumerable<Role> held) => held.Any(Roles.Contains);

    /// <summary>Whether the account must, and has not yet, enabled its second factor.</summary>
    public async Task<bool> PendingAsync(AppDbContext db, int userId, CancellationToken ct)
    {
        if (Roles.Count == 0) return false;
        var roles = Roles.ToList();
        return await db.Users.AnyAsync(u => u.Id == userId && !u.TwoFactorEnabled && u.Grants.Any(g => roles.Contains(g.Role)), ct);
    }
}

public static class MfaEnrolment
{
    /// <summary>Where an account that must enrol may still go: enrolment itself, signing out, and the public pages.</summary>
    private static readonly string[] Open = ["/Account", "/Error", "/Verify", "/public", "/api/v1/verify", "/healthz"];

    /// <summary>Until the second factor is enabled, pages lead to 安全设置 and the API answers 403.</summary>
    public static IApplicationBuilder UseMfaEnrolment(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true && !Open.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            var me = http.RequestServices.GetRequiredService<CurrentUser>();
            var scope = await me.ScopeAsync(http.RequestAborted); // loaded once per request, the TOTP flag with it
            if (http.RequestServices.GetRequiredService<MfaPolicy>().RequiredFor(scope.Grants.Select(g => g.Role)) && !await me.SecondFactorAsync(http.RequestAborted))
            {
                if (http.Request.Path.StartsWithSegments("/api"))
                    await Problems.Result(403, "须先启用两步验证", "该账号的角色须使用两步验证，请先在“安全设置”中启用").ExecuteAsync(http);
                else http.Response.Redirect("/Account/Manage?mfa=required");
                return;
            }
        }
        await next();
    });
}

public static class SignIns
{
    /// <summary>The address a sign-in came from (the client's, behind the configured proxies).</summary>
    public static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
