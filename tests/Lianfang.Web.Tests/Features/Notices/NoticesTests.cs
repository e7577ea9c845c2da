using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Notices;

public abstract class NoticesTests(NoticeFixture f)
{
    [Fact]
    public async Task The_administrator_and_the_user_change_the_address_notices_go_to()
    {
        var w = await World.CreateAsync(f, "邮箱");
        var zhao = await f.AccountAsync(w, w.D1, "赵强", "staff");
        var id = (await f.Admin.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK)).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == zhao.User).Id();
        async Task<string?> EmailAsync() => (await f.Admin.GetAsync($"/api/v1/users/{id}").Expect(HttpStatusCode.OK)).GetProperty("email").GetString();

        // the administrator, on 账号 (API and page); a bad address is refused and changes nothing
        var moved = $"zhao.{w.Tag[^6..]}@caiwu.example.gov.cn";
        Assert.Equal(["email"], (await f.Admin.Put($"/api/v1/users/{id}/email", new { email = "赵强@" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(zhao.Email, await EmailAsync());
        await (await f.As(w.Users["party_office"])).Put($"/api/v1/users/{id}/email", new { email = moved }).Expect(HttpStatusCode.Forbidden);
        await f.Admin.Put($"/api/v1/users/{id}/email", new { email = moved }).Expect(HttpStatusCode.NoContent);
        Assert.Equal(moved, await EmailAsync());
        var admin = await PageClient.LoginAsync(f, "admin", LianfangApp.AdminPassword);
        var byPage = $"zhao2.{w.Tag[^6..]}@caiwu.example.gov.cn";
        await admin.SubmitAsync($"/Admin/Users/Edit?id={id}", new() { ["Input.Email"] = byPage }, "handler=Email");
        Assert.Equal(byPage, await EmailAsync());
        Assert.Equal(byPage, (await admin.GetAsync($"/Admin/Users/Edit?id={id}")).QuerySelector("form[action*='handler=Email'] input[name='Input.Email']")!.GetAttribute("value"));

        // the user, in 安全设置: a bad address comes back with the message and what was typed
        var page = await PageClient.LoginAsync(f, zhao.User);
        var bad = await page.SubmitAsync("/Account/Manage", new() { ["Email"] = "赵强财务处" }, "handler=Email");
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("电子邮箱格式不正确", html);
        Assert.Contains("value=\"赵强财务处\"", System.Net.WebUtility.HtmlDecode(html));
        Assert.Equal(byPage, await EmailAsync());
        var mine = $"mine.{w.Tag[^6..]}@example.gov.cn";
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync("/Account/Manage", new() { ["Email"] = mine }, "handler=Email")).StatusCode);
        Assert.Equal(mine, await EmailAsync());

        // and the next notice goes there
        await (await f.As(w.Users["agency"])).Post("/api/v1/inspections", new { type = "Written", orgUnitId = w.D1, personId = zhao.Person, subject = "请说明报销审核情况" })
            .Expect(HttpStatusCode.Created);
        await f.MailAsync(mine, "书面问询：请书面答复");
    }
}

public sealed class NoticesTests_Sqlite(NoticeSqliteFixture f) : NoticesTests(f), IClassFixture<NoticeSqliteFixture>;
public sealed class NoticesTests_Postgres(NoticePostgresFixture f) : NoticesTests(f), IClassFixture<NoticePostgresFixture>;
