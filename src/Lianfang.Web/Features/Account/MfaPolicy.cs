using Lianfang.Core.Access;

namespace Lianfang.Web.Features.Account;

/// <summary>
/// 等保 level 3: the roles that must sign in with a second factor (TOTP) — by default the commission, the agency and the
/// three administrators (<c>Lianfang:Security:MfaRequiredFor</c>, role codes, comma-separated; empty turns it off).
/// Until such an account has enabled its authenticator it gets no API token and its pages lead to 安全设置 only (<see cref="AccountGate"/>).
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

public static class SignIns
{
    /// <summary>The address a sign-in came from (the client's, behind the configured proxies).</summary>
    public static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
