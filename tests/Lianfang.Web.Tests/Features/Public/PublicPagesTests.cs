using System.Net;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Public;

public abstract class PublicPagesTests(AppFixture f)
{
    [Fact]
    public async Task A_published_list_shows_on_the_units_public_page_without_login_until_it_is_reopened()
    {
        var s = await WrittenList.ApprovedAsync(f, "公示");
        var anon = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        await anon.GetAsync($"/public/units/{s.W.U1}", HttpStatusCode.NotFound);

        await (await f.As(s.W.Users["staff"])).Post($"/api/v1/lists/{s.List}/publish", new { until = f.App.Day(30) }).Expect(HttpStatusCode.Forbidden);
        await WrittenList.PublishAsync(f, s);
        var page = PageClient.Text(await anon.GetAsync($"/public/units/{s.W.U1}"));
        Assert.Contains("卫健委 廉政风险防控公示", page);
        Assert.Contains("资金拨付中优亲厚友", page);
        Assert.Contains("拨付双人复核", page);
        Assert.Contains($"公示期：{f.App.Day(0)} 至 {f.App.Day(30)}", page);
        Assert.Contains("共 1 份清单", page); // one list of two points: the count says what it counts
        await anon.GetAsync($"/public/units/{s.W.U2}", HttpStatusCode.NotFound); // the other unit published nothing

        await (await f.As(s.W.Users["staff"])).Post($"/api/v1/lists/{s.List}/reopen", new { comment = "调整" }).Expect(HttpStatusCode.OK);
        await anon.GetAsync($"/public/units/{s.W.U1}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_period_that_has_not_begun_or_has_ended_is_not_public_and_bad_periods_are_refused()
    {
        var s = await WrittenList.ApprovedAsync(f, "公示期");
        var office = await f.As(s.W.Users["party_office"]);
        var bad = await office.Post($"/api/v1/lists/{s.List}/publish", new { from = f.App.Day(10), until = f.App.Day(5) }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["until"], bad.ErrorFields());
        Assert.Equal(["until"], (await office.Post($"/api/v1/lists/{s.List}/publish", new { from = f.App.Day(0) }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var anon = new PageClient(f.App.CreateClient());
        await WrittenList.PublishAsync(f, s, 3, 10);
        await anon.GetAsync($"/public/units/{s.W.U1}", HttpStatusCode.NotFound);
        await WrittenList.PublishAsync(f, s, -10, -1);
        await anon.GetAsync($"/public/units/{s.W.U1}", HttpStatusCode.NotFound);
        await WrittenList.PublishAsync(f, s, -1, 1);
        await anon.GetAsync($"/public/units/{s.W.U1}");

        var draft = await WrittenList.CreateAsync(f, "未审定");
        await (await f.As(draft.W.Users["party_office"])).Post($"/api/v1/lists/{draft.List}/publish", new { until = f.App.Day(30) }).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Public_feedback_lands_as_a_complaint_for_the_party_office_only()
    {
        var s = await WrittenList.ApprovedAsync(f, "反映");
        var anon = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        await anon.GetAsync($"/public/feedback?unit={s.W.U1}&person={s.W.X1}", HttpStatusCode.NotFound); // not published yet
        await WrittenList.PublishAsync(f, s);

        var url = $"/public/feedback?unit={s.W.U1}&person={s.W.X1}";
        var form = PageClient.Text(await anon.GetAsync(url));
        Assert.Contains("王芳", form);
        var empty = await anon.SubmitAsync(url, new() { ["Input.Content"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("反映内容不能为空", await empty.Content.ReadAsStringAsync());

        var point = (await f.Observer.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0].Id();
        var sent = await anon.SubmitAsync(url, new() { ["Input.Content"] = "拨付资金时要求申请人请客吃饭", ["Input.Contact"] = "13800000000", ["Input.RiskPointId"] = point.ToString() });
        Assert.Contains("已收到您的反映", await sent.Content.ReadAsStringAsync());

        var seen = await (await f.As(s.W.Users["party_office"])).GetAsync("/api/v1/complaints").Expect(HttpStatusCode.OK);
        var c = seen.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("orgUnitId").GetInt32() == s.W.U1);
        Assert.Equal("拨付资金时要求申请人请客吃饭", c.GetProperty("content").GetString());
        Assert.Equal("王芳", c.GetProperty("person").GetString());
        Assert.Equal(point, c.GetProperty("riskPointId").GetInt64());
        Assert.Equal("New", c.GetProperty("status").GetString());
        Assert.Equal(1, (await (await f.As(s.W.Users["agency"])).GetAsync("/api/v1/complaints").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(1, (await (await f.As(s.W.Users["commission"])).GetAsync("/api/v1/complaints").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        // the people of the unit, whom a complaint may name, do not read it; nor does another commission
        Assert.Equal(0, (await (await f.As(s.W.Users["staff"])).GetAsync("/api/v1/complaints").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await (await f.As(s.W.Users["dept_head"])).GetAsync("/api/v1/complaints").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        var other = await f.As((await f.OtherWorldAsync()).Users["commission"]);
        Assert.DoesNotContain((await other.GetAsync("/api/v1/complaints").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("orgUnitId").GetInt32() == s.W.U1);
        var page = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        Assert.Contains("拨付资金时要求申请人请客吃饭", PageClient.Text(await page.GetAsync("/Complaints")));
    }
}

[Collection("sqlite")] public sealed class PublicPagesTests_Sqlite(SqliteFixture f) : PublicPagesTests(f);
[Collection("postgres")] public sealed class PublicPagesTests_Postgres(PostgresFixture f) : PublicPagesTests(f);

/// <summary>The feedback form is limited per address; its own app so the limit is low and nobody else shares it.</summary>
public sealed class FeedbackRateLimitTests
{
    [Fact]
    public async Task The_public_feedback_form_refuses_a_flood_with_429()
    {
        using var app = new LianfangApp(Db.Sqlite, new() { ["Lianfang:FeedbackPerHour"] = "2" });
        var posts = new List<HttpStatusCode>();
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            posts.Add((await client.PostAsync("/public/feedback?unit=1", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Content"] = "刷屏内容测试" }))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, posts[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, posts.Take(2));
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Complaints)));
    }
}
