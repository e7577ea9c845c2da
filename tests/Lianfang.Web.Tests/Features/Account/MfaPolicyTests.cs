using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Account;

/// <summary>
/// 等保 level 3: the commission, the agency and the three administrators sign in with a second factor. Until such an account
/// has enabled TOTP it gets no API token and its pages lead to 安全设置; staff may still use a password alone.
/// </summary>
public abstract class MfaPolicyTests(Db db)
{
    [Fact]
    public void By_default_the_commission_the_agency_and_the_three_administrators_need_a_second_factor()
    {
        var policy = new Lianfang.Web.Features.Account.MfaPolicy(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.Equal(["admin", "agency", "auditor", "commission", "security_admin"], policy.Roles.Select(r => Lianfang.Core.Access.Roles.Code(r)).Order());
        Assert.False(policy.RequiredFor([Lianfang.Core.Access.Role.Staff, Lianfang.Core.Access.Role.PartyOffice]));
    }

    [Fact]
    public async Task A_commission_account_gets_no_token_and_no_page_until_it_enables_totp_then_signs_in_with_the_code()
    {
        using var app = new LianfangApp(db, new() { ["Lianfang:Security:MfaRequiredFor"] = "commission,agency" });
        async Task<HttpClient> Bearer(string user, string password)
        {
            var c = app.CreateClient();
            c.DefaultRequestHeaders.Authorization = new("Bearer", (await c.Post("/api/v1/auth/token", new { userName = user, password }).Expect(HttpStatusCode.OK))
                .GetProperty("accessToken").GetString());
            return c;
        }
        var admin = await Bearer("admin", LianfangApp.AdminPassword); // not in this policy
        var c = (await admin.Post("/api/v1/org-units", new { name = "双因素纪委", kind = "Commission" }).Expect(HttpStatusCode.Created)).Id();
        await Accounts.CreateAsync(admin, await Bearer("secadmin", LianfangApp.AdminPassword),
            new { userName = "mfa.commission", password = LianfangApp.Password, grants = new[] { new { role = "commission", orgUnitId = c } } }).Expect(HttpStatusCode.Created);
        await Accounts.CreateAsync(admin, await Bearer("secadmin", LianfangApp.AdminPassword),
            new { userName = "mfa.staff", password = LianfangApp.Password, grants = new[] { new { role = "staff", orgUnitId = c } } }).Expect(HttpStatusCode.Created);

        // the password alone: no token for the commission, a token for staff
        var refused = await app.CreateClient().Post("/api/v1/auth/token", new { userName = "mfa.commission", password = LianfangApp.Password }).Expect(HttpStatusCode.Forbidden);
        Assert.Contains("两步验证", refused.GetProperty("detail").GetString());
        await Bearer("mfa.staff", LianfangApp.Password);

        // signed in on the page, every page leads to 安全设置 until the authenticator is enabled
        var page = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "mfa.commission", ["Input.Password"] = LianfangApp.Password })).StatusCode);
        foreach (var url in new[] { "/", "/Register", "/Supervision" })
        {
            var res = await page.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
            Assert.Equal("/Account/Manage?mfa=required", res.Headers.Location!.OriginalString);
        }
        var manage = await page.GetAsync("/Account/Manage");
        Assert.NotNull(manage.QuerySelector("#mfa-required"));
        var key = manage.QuerySelector("code")!.TextContent.Replace(" ", "");
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Account/Manage", new() { ["code"] = Totp.Code(key) }, "handler=Enable")).StatusCode);
        // ten recovery codes, shown this once
        var recovery = (await page.GetAsync("/Account/Manage")).QuerySelectorAll("#recovery-codes .badge").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(10, recovery.Distinct().Count());
        Assert.Null((await page.GetAsync("/Account/Manage")).QuerySelector("#recovery-codes"));
        await page.GetAsync("/"); // open now

        // the phone lost: a recovery code signs in once, and only once
        foreach (var (attempt, opens) in new[] { (recovery[0], true), (recovery[0], false) })
        {
            var other = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
            var step = await other.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "mfa.commission", ["Input.Password"] = LianfangApp.Password });
            Assert.Contains("/Account/LoginWith2fa", step.Headers.Location!.OriginalString);
            var done = await other.SubmitAsync(step.Headers.Location.OriginalString, new() { ["Code"] = attempt });
            Assert.Equal(opens ? HttpStatusCode.Redirect : HttpStatusCode.OK, done.StatusCode);
            if (!opens) Assert.Contains("恢复码不正确或已用过", await done.Content.ReadAsStringAsync());
        }

        // from now on: the code with the password, on the API and the page
        await app.CreateClient().Post("/api/v1/auth/token", new { userName = "mfa.commission", password = LianfangApp.Password }).Expect(HttpStatusCode.Unauthorized);
        await app.CreateClient().Post("/api/v1/auth/token", new { userName = "mfa.commission", password = LianfangApp.Password, totpCode = Totp.Code(key) })
            .Expect(HttpStatusCode.OK);
    }
}

public sealed class MfaPolicyTests_Sqlite() : MfaPolicyTests(Db.Sqlite);
public sealed class MfaPolicyTests_Postgres() : MfaPolicyTests(Db.Postgres);
