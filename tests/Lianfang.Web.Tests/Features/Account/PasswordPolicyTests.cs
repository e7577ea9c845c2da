using System.Net;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Account;

/// <summary>
/// 等保 identity controls the security administrator sets (三员分立): password length and expiry, a password set by someone
/// else changed at the next sign-in, lockout after repeated failures; and API tokens that end with the account's
/// security stamp, with a recovery code standing in for a lost authenticator.
/// </summary>
public abstract class PasswordPolicyTests(Db db)
{
    private static async Task<HttpClient> Bearer(LianfangApp app, string user, string password)
    {
        var c = app.CreateClient();
        c.DefaultRequestHeaders.Authorization = new("Bearer", (await c.Post("/api/v1/auth/token", new { userName = user, password }).Expect(HttpStatusCode.OK))
            .GetProperty("accessToken").GetString());
        return c;
    }

    private static Task<HttpResponseMessage> Token(LianfangApp app, object body) => app.CreateClient().Post("/api/v1/auth/token", body);

    private static async Task<PageClient> SignInAsync(LianfangApp app, string user, string password)
    {
        var page = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = password })).StatusCode);
        return page;
    }

    private static async Task<string?> RedirectOf(PageClient page, string url)
    {
        var res = await page.Http.GetAsync(url);
        return res.StatusCode == HttpStatusCode.Redirect ? res.Headers.Location!.OriginalString : null;
    }

    private static Task<HttpResponseMessage> ChangePassword(PageClient page, string current, string next) =>
        page.SubmitAsync("/Account/Manage", new() { ["current"] = current, ["next"] = next }, "handler=Password");

    [Fact]
    public async Task The_security_administrator_sets_the_policy_and_every_password_and_sign_in_follows_it()
    {
        using var app = new LianfangApp(db);
        var security = await Bearer(app, "secadmin", LianfangApp.AdminPassword);
        var admin = await Bearer(app, "admin", LianfangApp.AdminPassword);
        var auditor = await Bearer(app, "auditor", LianfangApp.AdminPassword);

        // the installation's configuration until the security administrator saves one
        var initial = await security.GetAsync("/api/v1/security/password-policy").Expect(HttpStatusCode.OK);
        Assert.Equal(12, initial.GetProperty("minLength").GetInt32());
        Assert.False(initial.GetProperty("changeInitial").GetBoolean());
        await admin.GetAsync("/api/v1/security/password-policy").Expect(HttpStatusCode.Forbidden);
        var policy = new { minLength = 16, expiryDays = 30, changeInitial = true, maxFailedAttempts = 3, lockoutMinutes = 15, version = 0 };
        foreach (var other in new[] { admin, auditor }) await other.Put("/api/v1/security/password-policy", policy).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["minLength"], (await security.Put("/api/v1/security/password-policy", policy with { minLength = 6 }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["maxFailedAttempts"], (await security.Put("/api/v1/security/password-policy", policy with { maxFailedAttempts = 50 }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(12, (await security.GetAsync("/api/v1/security/password-policy").Expect(HttpStatusCode.OK)).GetProperty("minLength").GetInt32());
        await security.Put("/api/v1/security/password-policy", policy).Expect(HttpStatusCode.OK);
        var saved = await security.Put("/api/v1/security/password-policy", policy with { lockoutMinutes = 10 }).Expect(HttpStatusCode.OK);
        Assert.Equal(10, saved.GetProperty("lockoutMinutes").GetInt32());
        Assert.Equal("安全管理员", saved.GetProperty("updatedBy").GetString());
        await security.Put("/api/v1/security/password-policy", policy with { lockoutMinutes = 20 }).Expect(HttpStatusCode.Conflict); // version 0 is stale now
        Assert.Equal(["version"], (await security.Put("/api/v1/security/password-policy",
            new { minLength = 16, expiryDays = 30, changeInitial = true, maxFailedAttempts = 3, lockoutMinutes = 20 }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        // the change is the auditor's to read
        var trail = (await auditor.GetAsync("/api/v1/audit?entityType=PasswordPolicyRow").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, trail.Count);
        Assert.All(trail, e => Assert.Equal("secadmin", e.GetProperty("userName").GetString()));

        // length: a 12-character password is now too short
        var shortOne = await admin.Post("/api/v1/users", new { userName = "policy.user", password = "Twelve-chars" }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["password"], shortOne.ErrorFields());
        Assert.Contains("至少需要 16 个字符", shortOne.GetProperty("detail").GetString());
        const string initialPassword = "Given-by-the-admin-2026", own = "Chosen-by-myself-2026", renewed = "Renewed-after-expiry-2026";
        var user = (await admin.Post("/api/v1/users", new { userName = "policy.user", password = initialPassword }).Expect(HttpStatusCode.Created)).Id();

        // a password the administrator gave: no token, and every page leads to 安全设置, until it is changed
        var refused = await Token(app, new { userName = "policy.user", password = initialPassword }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal("须先修改密码", refused.GetProperty("title").GetString());
        var page = await SignInAsync(app, "policy.user", initialPassword);
        foreach (var url in new[] { "/", "/Register", "/Inbox" }) Assert.Equal("/Account/Manage?password=initial", await RedirectOf(page, url));
        Assert.NotNull((await page.GetAsync("/Account/Manage")).QuerySelector("#password-required"));
        var same = await ChangePassword(page, initialPassword, initialPassword);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains("新密码不能与当前密码相同", await same.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ChangePassword(page, initialPassword, own)).StatusCode);
        Assert.Null(await RedirectOf(page, "/Register"));
        var mine = await Bearer(app, "policy.user", own);
        await mine.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK);

        // expiry: 31 days later the password has run out — on the page, for a token held, and for a new token
        await app.WithDbAsync(async d =>
        {
            var u = await d.Users.SingleAsync(x => x.Id == user);
            u.PasswordChangedAt = app.Time.GetUtcNow().UtcDateTime.AddDays(-31);
            return await d.SaveChangesAsync();
        });
        var expired = await mine.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.Forbidden);
        Assert.Contains("30 天有效期", expired.GetProperty("detail").GetString());
        await Token(app, new { userName = "policy.user", password = own }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal("/Account/Manage?password=expired", await RedirectOf(page, "/Register"));
        Assert.Equal(HttpStatusCode.Redirect, (await ChangePassword(page, own, renewed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync("/Register")).StatusCode);

        // a reset by the system administrator is a password given again
        var adminPage = await SignInAsync(app, "admin", LianfangApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await adminPage.SubmitAsync($"/Admin/Users/Edit?id={user}",
            new() { ["Input.Password"] = initialPassword }, "handler=ResetPassword")).StatusCode);
        await Token(app, new { userName = "policy.user", password = initialPassword }).Expect(HttpStatusCode.Forbidden);
        var again = await SignInAsync(app, "policy.user", initialPassword);
        Assert.Equal("/Account/Manage?password=initial", await RedirectOf(again, "/"));
        Assert.Equal(HttpStatusCode.Redirect, (await ChangePassword(again, initialPassword, own)).StatusCode);

        // lockout: the third wrong password locks the account for the policy's ten minutes, the right one then too
        for (var i = 1; i <= 3; i++)
        {
            var wrong = await Token(app, new { userName = "policy.user", password = $"Wrong-password-{i}-2026" }).Expect(HttpStatusCode.Unauthorized);
            Assert.Equal(i < 3 ? "用户名或密码错误" : "账号已锁定", wrong.GetProperty("title").GetString());
            Assert.Contains("连续输错 3 次账号将锁定 10 分钟", wrong.GetProperty("detail").GetString());
        }
        Assert.Equal("账号已锁定", (await Token(app, new { userName = "policy.user", password = own }).Expect(HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        var until = await app.WithDbAsync(d => d.Users.Where(x => x.Id == user).Select(x => x.LockoutEnd).SingleAsync());
        Assert.InRange(until!.Value - app.Time.GetUtcNow(), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        await security.PostAsync($"/api/v1/users/{user}/unlock", null).Expect(HttpStatusCode.NoContent);
        await Bearer(app, "policy.user", own);
    }

    [Fact]
    public async Task An_api_token_ends_with_the_password_it_was_issued_under_and_a_recovery_code_stands_in_for_the_authenticator()
    {
        using var app = new LianfangApp(db);
        var admin = await Bearer(app, "admin", LianfangApp.AdminPassword);
        const string first = "Token-user-first-2026", second = "Token-user-second-2026";
        await admin.Post("/api/v1/users", new { userName = "token.user", password = first }).Expect(HttpStatusCode.Created);
        var held = await Bearer(app, "token.user", first);
        await held.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK);

        // the password changed on the page: the token issued before it is dead, a new one works
        var page = await SignInAsync(app, "token.user", first);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangePassword(page, first, second)).StatusCode);
        Assert.Equal("令牌已失效", (await held.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        var renewed = await Bearer(app, "token.user", second);
        await renewed.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK);

        // 两步验证 enabled: the earlier token ends too; a recovery code gets a token once
        var key = (await page.GetAsync("/Account/Manage")).QuerySelector("code")!.TextContent.Replace(" ", "");
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Account/Manage", new() { ["code"] = Totp.Code(key) }, "handler=Enable")).StatusCode);
        var codes = (await page.GetAsync("/Account/Manage")).QuerySelectorAll("#recovery-codes .badge").Select(b => b.TextContent.Trim()).ToList();
        await renewed.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.Unauthorized);
        var withoutCode = await Token(app, new { userName = "token.user", password = second }).Expect(HttpStatusCode.Unauthorized);
        Assert.Contains("recoveryCode", withoutCode.GetProperty("detail").GetString());
        await Token(app, new { userName = "token.user", password = second, recoveryCode = codes[0] }).Expect(HttpStatusCode.OK);
        Assert.Equal("恢复码不正确或已用过", (await Token(app, new { userName = "token.user", password = second, recoveryCode = codes[0] })
            .Expect(HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        await Token(app, new { userName = "token.user", password = second, totpCode = Totp.Code(key) }).Expect(HttpStatusCode.OK);
        var channels = (await (await Bearer(app, "auditor", LianfangApp.AdminPassword)).GetAsync("/api/v1/audit?userName=token.user&pageSize=200")
            .Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("changes").GetString()!).ToList();
        Assert.Contains(channels, c => c.Contains("API（恢复码）"));
    }

    [Fact]
    public async Task With_single_session_a_new_token_ends_the_one_before()
    {
        using var app = new LianfangApp(db, new() { ["Lianfang:Security:SingleSession"] = "true" });
        var first = await Bearer(app, "admin", LianfangApp.AdminPassword);
        await first.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK);
        var second = await Bearer(app, "admin", LianfangApp.AdminPassword);
        await second.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK);
        await first.GetAsync("/api/v1/users").Expect(HttpStatusCode.Unauthorized);
    }
}

public sealed class PasswordPolicyTests_Sqlite() : PasswordPolicyTests(Db.Sqlite);
public sealed class PasswordPolicyTests_Postgres() : PasswordPolicyTests(Db.Postgres);
