using System.Net;
using AngleSharp.Html.Dom;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Admin;

/// <summary>The security administrator's page (三员分立): the password and lockout policy, shown and saved; nobody else opens it.</summary>
public abstract class SecurityPageTests(Db db)
{
    private static async Task<HttpClient> Bearer(LianfangApp app, string user, string password)
    {
        var c = app.CreateClient();
        c.DefaultRequestHeaders.Authorization = new("Bearer", (await c.Post("/api/v1/auth/token", new { userName = user, password }).Expect(HttpStatusCode.OK))
            .GetProperty("accessToken").GetString());
        return c;
    }

    private static async Task<PageClient> SignInAsync(LianfangApp app, string user, string password)
    {
        var page = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = password })).StatusCode);
        return page;
    }

    [Fact]
    public async Task The_security_administrators_page_shows_the_policy_and_saves_it_and_others_cannot_open_it()
    {
        using var app = new LianfangApp(db);
        var page = await SignInAsync(app, "secadmin", LianfangApp.AdminPassword);
        var doc = await page.GetAsync("/Admin/Security");
        Assert.Equal("12", ((IHtmlInputElement)doc.QuerySelector("#Input_MinLength")!).Value);
        Assert.NotNull(doc.QuerySelector("a[href='/Admin/Security']")); // in the menu
        var fields = new Dictionary<string, string>
        {
            ["Input.MinLength"] = "4", ["Input.ExpiryDays"] = "60", ["Input.MaxFailedAttempts"] = "6", ["Input.LockoutMinutes"] = "30",
        };
        var refused = await page.SubmitAsync("/Admin/Security", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("密码最短长度须在 8–64 个字符之间", await refused.Content.ReadAsStringAsync());
        fields["Input.MinLength"] = "14";
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Admin/Security", fields)).StatusCode);
        var saved = await (await Bearer(app, "secadmin", LianfangApp.AdminPassword)).GetAsync("/api/v1/security/password-policy").Expect(HttpStatusCode.OK);
        Assert.Equal((14, 60, false, 6, 30), (saved.GetProperty("minLength").GetInt32(), saved.GetProperty("expiryDays").GetInt32(),
            saved.GetProperty("changeInitial").GetBoolean(), saved.GetProperty("maxFailedAttempts").GetInt32(), saved.GetProperty("lockoutMinutes").GetInt32()));
        // the login page states the lockout in force
        Assert.Contains("连续输错 6 次账号将锁定 30 分钟", PageClient.Text(await new PageClient(app.CreateClient()).GetAsync("/Account/Login")));
        foreach (var other in new[] { "admin", "auditor" })
        {
            var res = await (await SignInAsync(app, other, LianfangApp.AdminPassword)).Http.GetAsync("/Admin/Security");
            Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        }
    }
}

public sealed class SecurityPageTests_Sqlite() : SecurityPageTests(Db.Sqlite);
public sealed class SecurityPageTests_Postgres() : SecurityPageTests(Db.Postgres);
