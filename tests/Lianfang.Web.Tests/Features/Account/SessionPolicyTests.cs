using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Account;

/// <summary>等保: a page session ends when left idle, and where configured a new sign-in ends the account's other sessions.</summary>
public abstract class SessionPolicyTests(Db db)
{
    private static async Task<PageClient> SignInAsync(LianfangApp app, string user, string password)
    {
        var page = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = password })).StatusCode);
        return page;
    }

    private static async Task<bool> SignedInAsync(PageClient page) => (await page.Http.GetAsync("/Account/Manage")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task A_session_left_idle_ends_and_one_in_use_goes_on()
    {
        using var app = new LianfangApp(db, new() { ["Lianfang:Security:IdleMinutes"] = "0.05" }); // 3 seconds
        var page = await SignInAsync(app, "admin", LianfangApp.AdminPassword);
        for (var i = 0; i < 3; i++) // in use: every request within the idle time keeps it
        {
            await Task.Delay(1500);
            Assert.True(await SignedInAsync(page), $"request {i + 1}");
        }
        await Task.Delay(4000);
        var res = await page.Http.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("/Account/Login", res.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task With_single_session_a_new_sign_in_ends_the_other()
    {
        using var app = new LianfangApp(db, new() { ["Lianfang:Security:SingleSession"] = "true" });
        var first = await SignInAsync(app, "admin", LianfangApp.AdminPassword);
        Assert.True(await SignedInAsync(first));
        var second = await SignInAsync(app, "admin", LianfangApp.AdminPassword);
        Assert.True(await SignedInAsync(second));
        Assert.False(await SignedInAsync(first));
    }
}

public sealed class SessionPolicyTests_Sqlite() : SessionPolicyTests(Db.Sqlite);
public sealed class SessionPolicyTests_Postgres() : SessionPolicyTests(Db.Postgres);
