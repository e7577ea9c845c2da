using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Inbox;

/// <summary>An app whose notices go to a local SMTP server and a local webhook (a unit's OA).</summary>
public abstract class NoticeFixture(Db db) : AppFixture(db)
{
    public SmtpSink Smtp { get; } = new();
    public WebhookSink Webhook { get; } = new();
    /// <summary>A unit's own OA, set on the unit.</summary>
    public WebhookSink UnitWebhook { get; } = new();

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Lianfang:Smtp:Host"] = "127.0.0.1", ["Lianfang:Smtp:Port"] = Smtp.Port.ToString(), ["Lianfang:Smtp:From"] = "lianfang@jiwei.example.gov.cn",
        ["Lianfang:Notices:Webhook"] = Webhook.Url, ["Lianfang:PublicBaseUrl"] = "https://lianfang.example.gov.cn",
    };

    /// <summary>The mail to <paramref name="to"/> whose text contains <paramref name="text"/>, waiting for the delivery.</summary>
    public async Task<SmtpSink.Mail> MailAsync(string to, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Smtp.Mails.FirstOrDefault(m => m.To.Contains(to) && m.Text.Contains(text)) is { } mail) return mail;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no mail to {to} containing “{text}”; got: {string.Join(" | ", Smtp.Mails.Select(m => string.Join(",", m.To) + ": " + m.Text))}");
    }
}

public sealed class NoticeSqliteFixture() : NoticeFixture(Db.Sqlite);
public sealed class NoticePostgresFixture() : NoticeFixture(Db.Postgres);

/// <summary>
/// Work reaches the person who must do it: the 整改 owner, the person asked in a 书面问询 and the party office receiving a
/// complaint each find it in 我的待办 and get a notice by e-mail and on the unit's webhook; the inspector 催办s.
/// </summary>
public abstract class WorkInboxTests(NoticeFixture f)
{
    private async Task<(int Person, string User, string Email)> AccountAsync(World w, int orgUnit, string name, string role)
    {
        var person = (await f.Admin.Post("/api/v1/people", new { name, title = "处长", orgUnitId = orgUnit }).Expect(HttpStatusCode.Created)).Id();
        var user = $"n{w.Tag[^6..]}.{role}";
        var email = $"{user}@example.gov.cn";
        await f.CreateUser(new { userName = user, password = LianfangApp.Password, personId = person, email, grants = new[] { new { role, orgUnitId = orgUnit } } })
            .Expect(HttpStatusCode.Created);
        return (person, user, email);
    }

    private async Task<List<JsonElement>> InboxAsync(string user) => (await (await f.As(user)).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

    [Fact]
    public async Task The_owner_the_person_asked_and_the_party_office_each_find_their_work_and_get_a_notice()
    {
        var w = await World.CreateAsync(f, "待办");
        var zhao = await AccountAsync(w, w.D1, "赵强", "staff");
        var office = await AccountAsync(w, w.U1, "周丽", "party_office");
        var agency = await f.As(w.Users["agency"]);
        Assert.Equal(["email"], (await f.CreateUser(new { userName = $"bad{w.Tag[^6..]}", password = LianfangApp.Password, email = "不是邮箱",
            grants = new[] { new { role = "staff", orgUnitId = w.D1 } } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        // a 整改 task whose owner is typed as 赵强 is his: the name is the one person of 财务处 so called
        var visit = (await agency.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, record = "抽查报销台账" }).Expect(HttpStatusCode.Created)).Id();
        // a name that is nobody's, no owner at all, or a person outside the owner unit: refused, nothing recorded
        var deadline = f.App.Today.AddDays(20);
        foreach (var (owner, field, message) in new (object, string, string)[]
        {
            (new { ownerOrgUnitId = w.D1, owner = "钱无名", task = "补建报销台账", deadline }, "rectification.owner", "没有名为“钱无名”的人员"),
            (new { ownerOrgUnitId = w.D1, task = "补建报销台账", deadline }, "rectification.ownerPersonId", "请选择整改责任人"),
            (new { ownerOrgUnitId = w.D1, ownerPersonId = office.Person, task = "补建报销台账", deadline }, "rectification.ownerPersonId", "须是整改责任单位的人员"),
        })
        {
            var refused = await agency.Post($"/api/v1/inspections/{visit}/findings", new { description = "报销台账缺失", rectification = owner }).Expect(HttpStatusCode.BadRequest);
            Assert.Equal([field], refused.ErrorFields());
            Assert.Contains(message, refused.ToString());
        }
        Assert.Equal(0, await f.App.WithDbAsync(db => db.Findings.CountAsync(x => x.InspectionId == visit)));
        await agency.Post($"/api/v1/inspections/{visit}/findings", new
        {
            description = "报销台账缺失", rectification = new { ownerOrgUnitId = w.D1, owner = "赵强", task = "补建报销台账", deadline = f.App.Today.AddDays(20) },
        }).Expect(HttpStatusCode.Created);
        var task = Assert.Single(await InboxAsync(zhao.User), i => i.GetProperty("kind").GetString() == "rectification");
        Assert.Equal("补建报销台账", task.GetProperty("title").GetString());
        Assert.StartsWith("/Supervision/Rectification?id=", task.GetProperty("link").GetString());
        Assert.False(string.IsNullOrEmpty(task.GetProperty("from").GetString())); // the inspector who set it
        var rect = long.Parse(task.GetProperty("link").GetString()!.Split('=')[1]);
        var mail = await f.MailAsync(zhao.Email, "整改任务：补建报销台账");
        Assert.Contains("https://lianfang.example.gov.cn/Supervision/Rectification?id=" + rect, mail.Text);
        // the owner may report it himself (refused here only for want of evidence, not of rights)
        Assert.Equal(["evidence"], (await (await f.As(zhao.User)).Post($"/api/v1/rectifications/{rect}/submit", new { report = "已补建" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());

        // a 书面问询 to him waits for his reply
        var inquiry = (await agency.Post("/api/v1/inspections", new { type = "Written", orgUnitId = w.D1, personId = zhao.Person, subject = "请说明大额支出双人审核的执行情况" })
            .Expect(HttpStatusCode.Created)).Id();
        var asked = Assert.Single(await InboxAsync(zhao.User), i => i.GetProperty("kind").GetString() == "inquiry");
        Assert.Equal(("请说明大额支出双人审核的执行情况", $"/Supervision/Inspection?id={inquiry}"), (asked.GetProperty("title").GetString(), asked.GetProperty("link").GetString()));
        await f.MailAsync(zhao.Email, "书面问询：请书面答复");

        // a petition registered by the agency waits for 卫健委's party office
        await agency.Post("/api/v1/complaints", new { orgUnitId = w.U1, content = "反映财务处报销把关不严", contactName = "群众" }).Expect(HttpStatusCode.Created);
        Assert.Single(await InboxAsync(office.User), i => i.GetProperty("kind").GetString() == "complaint");
        Assert.DoesNotContain(await InboxAsync(zhao.User), i => i.GetProperty("kind").GetString() == "complaint");
        await f.MailAsync(office.Email, "新的信访件待受理分办");

        // 催办: the inspector reminds the owner; others may not
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/rectifications/{rect}/remind", null).Expect(HttpStatusCode.NotFound);
        await agency.PostAsync($"/api/v1/rectifications/{rect}/remind", null).Expect(HttpStatusCode.NoContent);
        await f.MailAsync(zhao.Email, "催办：整改“补建报销台账”");
        await agency.PostAsync($"/api/v1/inspections/{inquiry}/remind", null).Expect(HttpStatusCode.NoContent);
        await f.MailAsync(zhao.Email, "催办：书面问询");

        // the unit's OA received the same notices as JSON
        List<(string Kind, string Title, string Link)> Hooks() => f.Webhook.Bodies.Select(b => JsonDocument.Parse(b).RootElement)
            .Select(h => (h.GetProperty("kind").GetString()!, h.GetProperty("title").GetString()!, h.GetProperty("link").GetString()!)).ToList();
        for (var i = 0; i < 50 && !Hooks().Any(h => h.Kind == "reminder" && h.Title.Contains("补建报销台账")); i++) await Task.Delay(100);
        var hook = Hooks().First(h => h.Kind == "rectification" && h.Title.Contains("补建报销台账"));
        Assert.Equal("https://lianfang.example.gov.cn/Supervision/Rectification?id=" + rect, hook.Link);
        Assert.Contains(Hooks(), h => h.Kind == "reminder" && h.Title.Contains("补建报销台账"));

        // 卫健委 points its notices at its own OA: the next complaint goes there, not to the installation's gateway
        await (await f.As(w.Users["dept_head"])).Put($"/api/v1/org-units/{w.D1}/notice-webhook", new { url = f.UnitWebhook.Url }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["url"], (await (await f.As(w.Users["party_office"])).Put($"/api/v1/org-units/{w.U1}/notice-webhook", new { url = "ftp://oa" })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await (await f.As(w.Users["party_office"])).Put($"/api/v1/org-units/{w.U1}/notice-webhook", new { url = f.UnitWebhook.Url }).Expect(HttpStatusCode.OK);
        var before = Hooks().Count(h => h.Kind == "complaint");
        await agency.Post("/api/v1/complaints", new { orgUnitId = w.D1, content = "反映财务处报销把关不严（二）", contactName = "群众" }).Expect(HttpStatusCode.Created);
        for (var i = 0; i < 50 && !f.UnitWebhook.Bodies.Any(); i++) await Task.Delay(100);
        Assert.Equal("complaint", JsonDocument.Parse(f.UnitWebhook.Bodies.First()).RootElement.GetProperty("kind").GetString());
        Assert.Equal(before, Hooks().Count(h => h.Kind == "complaint"));

        // his 待办 page lists both with their kinds; once he answers, the inquiry leaves it
        var page = await PageClient.LoginAsync(f, zhao.User);
        var inbox = (await page.GetAsync("/Inbox")).QuerySelector("#inbox")!.TextContent;
        Assert.Contains("整改", inbox);
        Assert.Contains("书面问询", inbox);
        await (await f.As(zhao.User)).Post($"/api/v1/inspections/{inquiry}/complete", new { record = "已严格执行双人审核，附台账" }).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(await InboxAsync(zhao.User), i => i.GetProperty("kind").GetString() == "inquiry");
    }

    [Fact]
    public async Task The_administrator_and_the_user_change_the_address_notices_go_to()
    {
        var w = await World.CreateAsync(f, "邮箱");
        var zhao = await AccountAsync(w, w.D1, "赵强", "staff");
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

public sealed class WorkInboxTests_Sqlite(NoticeSqliteFixture f) : WorkInboxTests(f), IClassFixture<NoticeSqliteFixture>;
public sealed class WorkInboxTests_Postgres(NoticePostgresFixture f) : WorkInboxTests(f), IClassFixture<NoticePostgresFixture>;
