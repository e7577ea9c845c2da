using System.Security.Cryptography;
using Lianfang.Core.Access;
using Lianfang.Web.Features.Account;

namespace Lianfang.Web.Infrastructure;

public static class Bootstrap
{
    /// <summary>The three separated administrators (三员) a first start creates, each over the whole system.</summary>
    public static readonly (string UserName, string DisplayName, Role Role, string PasswordSetting)[] Administrators =
    [
        ("admin", "系统管理员", Role.Admin, "LIANFANG_ADMIN_PASSWORD"),
        ("secadmin", "安全管理员", Role.SecurityAdmin, "LIANFANG_SECURITY_ADMIN_PASSWORD"),
        ("auditor", "审计管理员", Role.Auditor, "LIANFANG_AUDITOR_PASSWORD"),
    ];

    /// <summary>
    /// Makes sure the system administrator `admin`, the security administrator `secadmin` and the audit administrator
    /// `auditor` exist. Each one's variable sets (and resets) its password; without it a first start generates one and
    /// prints it once. A printed password is changed at the first sign-in; a variable's too, under the password policy.
    /// </summary>
    public static async Task EnsureAdministratorsAsync(IServiceProvider services, IConfiguration config, ILogger log)
    {
        var users = services.GetRequiredService<AppUserManager>();
        var db = services.GetRequiredService<AppDbContext>();
        var printed = new List<string>();
        foreach (var (userName, displayName, role, setting) in Administrators)
        {
            var password = config[setting];
            var account = await users.FindByNameAsync(userName);
            if (account is null)
            {
                var generated = string.IsNullOrEmpty(password);
                if (generated) password = RandomPassword();
                account = new AppUser { UserName = userName, DisplayName = displayName, CreatedAt = users.Time.UtcNow() };
                CreateUser.Check(await users.SetForUserAsync(account, password!, alwaysChange: generated));
                if (generated) printed.Add($"{displayName}：{userName}　初始密码：{password}");
                else log.LogInformation("Created {Role} account {UserName} from {Setting}", role.Code(), userName, setting);
            }
            else if (!string.IsNullOrEmpty(password) && !await users.CheckPasswordAsync(account, password))
            {
                CreateUser.Check(await users.SetForUserAsync(account, password));
                log.LogInformation("Reset the password of {UserName} from {Setting}", userName, setting);
            }
            var held = await db.UserGrants.Where(g => g.UserId == account.Id).Select(g => g.Role).ToListAsync();
            if (held.Contains(role)) continue;
            if (role.SeparationConflict(held) is { } conflict)
            {
                log.LogError("Account {UserName} was not made {Role}: {Conflict}", userName, role.Code(), conflict);
                continue;
            }
            db.UserGrants.Add(new UserGrant { UserId = account.Id, Role = role });
            await db.SaveChangesAsync();
        }
        if (printed.Count > 0)
            Console.WriteLine($"""

                ================ Lianfang 首次启动 ================
                已创建三员账号（只显示这一次，请各自登录后修改密码）：
                {string.Join(Environment.NewLine, printed)}
                ===================================================

                """);
    }

    private static string RandomPassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        return string.Concat(Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }
}
