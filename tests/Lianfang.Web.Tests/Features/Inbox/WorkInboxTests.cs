using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Features.Notices;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Inbox;

/// <summary>
/// Work reaches the person who must do it: the 整改 owner, the person asked in a 书面问询 and the party office receiving a
/// complaint each find it in 我的待办 and get a notice by e-mail and on the unit's webhook; the inspector 催办s.
/// </summary>
public abstract class WorkInboxTests(NoticeFixture f)
{
    private async Task<List<JsonElement>> InboxAsync(string user) => (await (await f.As(user)).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

    [Fact]
    public async Task The_owner_the_person_asked_and_the_party_office_each_find_their_work_and_get_a_notice()
    {
        var w = await World.CreateAsync(f, "待办");
        var zhao = await f.AccountAsync(w, w.D1, "赵强", "staff");
        var office = await f.AccountAsync(w, w.U1, "周丽", "party_office");
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
}

public sealed class WorkInboxTests_Sqlite(NoticeSqliteFixture f) : WorkInboxTests(f), IClassFixture<NoticeSqliteFixture>;
public sealed class WorkInboxTests_Postgres(NoticePostgresFixture f) : WorkInboxTests(f), IClassFixture<NoticePostgresFixture>;
