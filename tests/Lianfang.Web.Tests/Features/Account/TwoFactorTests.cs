using System.Net;
using Lianfang.Web.Shared;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lianfang.Web.Tests.Features.Account;

public abstract class TwoFactorTests(AppFixture f)
{
    [Fact]
    public async Task With_totp_enabled_a_token_needs_the_current_code()
    {
        var name = $"totp{Guid.NewGuid():N}"[..16];
        await f.CreateUser(new { userName = name, password = LianfangApp.Password, grants = Array.Empty<object>() }).Expect(HttpStatusCode.Created);
        var key = await EnableTotpAsync(name);

        var missing = await f.Anonymous().Post("/api/v1/auth/token", new { userName = name, password = LianfangApp.Password }).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("需要动态验证码", missing.GetProperty("title").GetString());
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = name, password = LianfangApp.Password, totpCode = "000000" == Totp(key) ? "111111" : "000000" })
            .Expect(HttpStatusCode.Unauthorized);
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = name, password = LianfangApp.Password, totpCode = Totp(key) }).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_totp_enabled_the_login_page_asks_for_the_code()
    {
        var name = $"totp{Guid.NewGuid():N}"[..16];
        await f.CreateUser(new { userName = name, password = LianfangApp.Password, grants = Array.Empty<object>() }).Expect(HttpStatusCode.Created);
        var key = await EnableTotpAsync(name);
        var page = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        var res = await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = name, ["Input.Password"] = LianfangApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("/Account/LoginWith2fa", res.Headers.Location!.OriginalString);
        res = await page.SubmitAsync(res.Headers.Location.OriginalString, new() { ["Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        await page.GetAsync("/Account/Manage");
    }

    [Fact]
    public async Task The_security_page_offers_a_qr_code_to_scan_with_the_authenticator()
    {
        var name = $"qr{Guid.NewGuid():N}"[..16];
        await f.CreateUser(new { userName = name, password = LianfangApp.Password, grants = Array.Empty<object>() }).Expect(HttpStatusCode.Created);
        var page = await PageClient.LoginAsync(f, name);
        var doc = await page.GetAsync("/Account/Manage");
        var qr = doc.QuerySelector("#totp-qr svg");
        Assert.NotNull(qr);
        Assert.True(qr!.QuerySelectorAll("rect, path").Length > 0);
        Assert.DoesNotContain("otpauth://", PageClient.Text(doc)); // the secret is not printed as a link beside it
        Assert.Matches("[a-z2-7]{4} [a-z2-7]{4}", doc.QuerySelector("code")!.TextContent); // the key to type, for phones that cannot scan
    }

    private async Task<string> EnableTotpAsync(string userName)
    {
        using var scope = f.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private static string Totp(string base32Key) => Infrastructure.Totp.Code(base32Key);
}

[Collection("sqlite")] public sealed class TwoFactorTests_Sqlite(SqliteFixture f) : TwoFactorTests(f);
[Collection("postgres")] public sealed class TwoFactorTests_Postgres(PostgresFixture f) : TwoFactorTests(f);
