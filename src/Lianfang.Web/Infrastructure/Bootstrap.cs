using System.Security.Cryptography;
using Lianfang.Core.Access;
using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.Identity;

namespace Lianfang.Web.Infrastructure;

public static class Bootstrap
{
    /// <summary>
    /// Makes sure a system administrator `admin` exists. LIANFANG_ADMIN_PASSWORD sets (and resets) its password;
    /// without it a first start generates one and prints it once.
    /// </summary>
    public static async Task EnsureAdminAsync(IServiceProvider services, IConfiguration config, ILogger log)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<AppDbContext>();
        var password = config["LIANFANG_ADMIN_PASSWORD"];
        var admin = await users.FindByNameAsync("admin");
        if (admin is null)
        {
            var generated = string.IsNullOrEmpty(password);
            if (generated) password = RandomPassword();
            admin = new AppUser { UserName = "admin", DisplayName = "系统管理员", CreatedAt = DateTime.UtcNow };
            admin.Grants.Add(new UserGrant { Role = Role.Admin });
            CreateUser.Check(await users.CreateAsync(admin, password!));
            if (generated)
                Console.WriteLine($"""

                    ================ Lianfang 首次启动 ================
                    已创建系统管理员：admin
                    初始密码（只显示这一次，请登录后修改）：{password}
                    ===================================================

                    """);
            else log.LogInformation("Created administrator account admin from LIANFANG_ADMIN_PASSWORD");
        }
        else if (!string.IsNullOrEmpty(password) && !await users.CheckPasswordAsync(admin, password))
        {
            CreateUser.Check(await users.RemovePasswordAsync(admin));
            CreateUser.Check(await users.AddPasswordAsync(admin, password));
            log.LogInformation("Reset the password of admin from LIANFANG_ADMIN_PASSWORD");
        }
        if (!await db.UserGrants.AnyAsync(g => g.UserId == admin.Id && g.Role == Role.Admin && g.OrgUnitId == null))
        {
            db.UserGrants.Add(new UserGrant { UserId = admin.Id, Role = Role.Admin });
            await db.SaveChangesAsync();
        }
    }

    private static string RandomPassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        return string.Concat(Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }
}
