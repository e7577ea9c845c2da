using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Review;

public abstract class PublicationTests(AppFixture f)
{
    // The app's own today (Asia/Shanghai), not the machine's: they differ from 16:00 to 24:00 UTC.
    private string Day(int offset) => f.App.Today.AddDays(offset).ToString("yyyy-MM-dd");

    private async Task PublishAsync(WrittenList s, int from = 0, int until = 30) =>
        await (await f.As(s.W.Users["party_office"])).Post($"/api/v1/lists/{s.List}/publish", new { from = Day(from), until = Day(until) }).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task A_published_list_shows_on_the_units_public_page_without_login_until_it_is_reopened()
    {
        var s = await WrittenList.ApprovedAsync(f, "公示");
        var anon = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        await anon.GetAsync($"/public/units/{s.W.U1}", HttpStatusCode.NotFound);

        await (await f.As(s.W.Users["staff"])).Post($"/api/v1/lists/{s.List}/publish", new { until = Day(30) }).Expect(HttpStatusCode.Forbidden);
        await PublishAsync(s);
        var page = PageClient.Text(await anon.GetAsync($"/public/units/{s.W.U1}"));
        Assert.Contains("卫健委 廉政风险防控公示", page);
        Assert.Contains("资金拨付中优亲厚友", page);
        Assert.Contains("拨付双人复核", page);
        Assert.Contains($"公示期：{Day(0)} 至 {Day(30)}", page);
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
        var bad = await office.Post($"/api/v1/lists/{s.List}/publish", new { from = Day(10), until = Day(5) }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["until"], bad.ErrorFields());
        Assert.Equal(["until"], (await office.Post($"/api/v1/lists/{s.List}/publish", new { from = Day(0) }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var anon = new PageClient(f.App.CreateClient());
        await PublishAsync(s, 3, 10);
        await anon.GetAsync($"/public/units/{s.W.U1}", HttpStatusCode.NotFound);
        await PublishAsync(s, -10, -1);
        await anon.GetAsync($"/public/units/{s.W.U1}", HttpStatusCode.NotFound);
        await PublishAsync(s, -1, 1);
        await anon.GetAsync($"/public/units/{s.W.U1}");

        var draft = await WrittenList.CreateAsync(f, "未审定");
        await (await f.As(draft.W.Users["party_office"])).Post($"/api/v1/lists/{draft.List}/publish", new { until = Day(30) }).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Desk_cards_carry_the_points_the_commitment_and_a_QR_code_to_the_feedback_form()
    {
        var s = await WrittenList.CreateAsync(f, "桌卡");
        var staff = await f.As(s.W.Users["staff"]);
        await staff.Put($"/api/v1/lists/{s.List}/commitment", new { text = "秉公用权，接受监督。", version = await staff.VersionAsync($"/api/v1/lists/{s.List}") }).Expect(HttpStatusCode.OK);
        await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);
        await staff.Put($"/api/v1/lists/{s.List}/commitment", new { text = "改一下", version = await staff.VersionAsync($"/api/v1/lists/{s.List}") }).Expect(HttpStatusCode.Conflict);
        foreach (var role in WrittenList.Reviewers)
            await (await f.As(s.W.Users[role])).Post($"/api/v1/lists/{s.List}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);

        var office = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        Assert.Contains("没有已公示的个人清单", PageClient.Text(await office.GetAsync($"/Lists/DeskCards?campaignId={s.Campaign}")));
        await PublishAsync(s);
        var doc = await office.GetAsync($"/Lists/DeskCards?campaignId={s.Campaign}");
        var card = Assert.Single(doc.QuerySelectorAll("article.lf-desk-card"));
        Assert.Contains("王芳", card.QuerySelector("h2")!.TextContent);
        Assert.Contains("资金拨付中优亲厚友", card.TextContent);
        Assert.Contains("拨付双人复核", card.TextContent);
        Assert.Contains("秉公用权，接受监督。", card.TextContent);
        Assert.NotNull(card.QuerySelector(".lf-qr svg path"));

        // nobody outside the unit prints its cards
        var other = await PageClient.LoginAsync(f, (await f.OtherWorldAsync()).Users["party_office"]);
        Assert.Empty((await other.GetAsync($"/Lists/DeskCards?campaignId={s.Campaign}")).QuerySelectorAll("article.lf-desk-card"));
    }

    [Fact]
    public async Task Public_feedback_lands_as_a_complaint_for_the_party_office_only()
    {
        var s = await WrittenList.ApprovedAsync(f, "反映");
        var anon = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        await anon.GetAsync($"/public/feedback?unit={s.W.U1}&person={s.W.X1}", HttpStatusCode.NotFound); // not published yet
        await PublishAsync(s);

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

    [Fact]
    public async Task An_invited_helper_comments_on_the_helpers_stage_but_cannot_decide_and_loses_sight_when_it_moves_on()
    {
        var w = await World.CreateAsync(f, "帮查");
        await WrittenList.LeaderAsync(f, w);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "卫计委排查", year = 2026, schemeCode = "shaoxing-health-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var list = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("orgUnitId").GetInt32() == w.D1 && l.GetProperty("personId").ValueKind == JsonValueKind.Null).Id();
        var head = await f.As(w.Users["dept_head"]);
        await head.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "power", description = "物资采购中收受回扣", levelCode = "important",
            responsible = new { leader = "孙伟", persons = new[] { "王芳" } } }).Expect(HttpStatusCode.Created);
        await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{list}/row-signatures", null).Expect(HttpStatusCode.OK); // 逐条逐栏签字
        await head.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        await head.Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);
        var helper = await f.As(w.Users["helper"]);
        await helper.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.NotFound);
        var office = await f.As(w.Users["party_office"]);
        await office.Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Forbidden); // at 分管领导 still
        var leader = await f.As(w.Users["leader_in_charge"]);
        await leader.Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Conflict); // 分管领导审查 takes no helpers
        await leader.Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);

        await (await f.As(w.Users["principal"])).Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["userName"], (await office.Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["staff"] }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await office.Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Created);

        Assert.Contains(list, (await helper.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray().Select(i => i.GetProperty("listId").GetInt32()));
        Assert.Equal("物资采购中收受回扣", (await helper.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0].GetProperty("description").GetString());
        await helper.Post($"/api/v1/lists/{list}/comments", new { comment = "建议增加供应商轮换机制" }).Expect(HttpStatusCode.Created);
        await helper.Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.Forbidden);
        await helper.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "power", description = "代写", levelCode = "general" }).Expect(HttpStatusCode.Forbidden);
        await (await f.As(w.Users["staff"])).Post($"/api/v1/lists/{list}/comments", new { comment = "我也说两句" }).Expect(HttpStatusCode.NotFound);

        var history = (await office.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var comment = history[^1];
        Assert.Equal("Comment", comment.GetProperty("decision").GetString());
        Assert.Equal("建议增加供应商轮换机制", comment.GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, comment.GetProperty("verificationCode").ValueKind);
        Assert.Equal("InReview", (await office.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("status").GetString());

        await (await f.As(w.Users["agency"])).Post($"/api/v1/lists/{list}/comments", new { comment = "驻委纪检监察组协查：无补充" }).Expect(HttpStatusCode.Created);
        await office.Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.OK);
        await helper.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.NotFound);
        Assert.Empty((await helper.GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task The_progress_board_shows_each_unit_its_stages_and_who_is_late()
    {
        var w = await World.CreateAsync(f, "进度");
        await WrittenList.LeaderAsync(f, w);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "去年排查", year = 2025, schemeCode = "shaoxing-2018", rootOrgUnitId = w.C, deadline = Day(-3) })
            .Expect(HttpStatusCode.Created)).Id();
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var own = lists.Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var staff = await f.As(w.Users["staff"]);
        await staff.Post($"/api/v1/lists/{own}/risk-points", WrittenList.Point("power", "资金拨付", "general")).Expect(HttpStatusCode.Created);
        await staff.PostAsync($"/api/v1/lists/{own}/submit", null).Expect(HttpStatusCode.OK);

        var board = await (await f.As(w.Users["commission"])).GetAsync($"/api/v1/campaigns/{campaign}/progress").Expect(HttpStatusCode.OK);
        Assert.Equal(-3, board.GetProperty("daysLeft").GetInt32());
        Assert.Equal(lists.Count, board.GetProperty("total").GetInt32());
        var units = board.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        Assert.Equal(1, units["卫健委"].GetProperty("inReview").GetInt32());
        Assert.Equal(units["卫健委"].GetProperty("total").GetInt32(), units["卫健委"].GetProperty("late").GetInt32());
        Assert.True(units.ContainsKey("财政局"));
        var stage = Assert.Single(board.GetProperty("stages").EnumerateArray());
        Assert.Equal(("处室负责人把关", 1), (stage.GetProperty("name").GetString(), stage.GetProperty("count").GetInt32()));
        var late = board.GetProperty("late").EnumerateArray().ToList();
        Assert.Equal(lists.Count, board.GetProperty("lateTotal").GetInt32());
        Assert.Contains(late, l => l.GetProperty("listId").GetInt32() == own && l.GetProperty("whoActs").GetString() == "处室（科室）负责人");
        Assert.Contains(late, l => l.GetProperty("whoActs").GetString() == "吴军（本人填写）");

        // the unit sees only itself
        var unitBoard = await (await f.As(w.Users["party_office"])).GetAsync($"/api/v1/campaigns/{campaign}/progress").Expect(HttpStatusCode.OK);
        Assert.Equal(["卫健委"], unitBoard.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()));
        await (await f.As((await f.OtherWorldAsync()).Users["commission"])).GetAsync($"/api/v1/campaigns/{campaign}/progress").Expect(HttpStatusCode.NotFound);
        var page = await PageClient.LoginAsync(f, w.Users["commission"]);
        var text = PageClient.Text(await page.GetAsync($"/Campaigns/Progress?id={campaign}"));
        Assert.Contains("已过截止日期 3 天", text);
        Assert.Contains("逾期未完成", text);
    }
}

[Collection("sqlite")] public sealed class PublicationTests_Sqlite(SqliteFixture f) : PublicationTests(f);
[Collection("postgres")] public sealed class PublicationTests_Postgres(PostgresFixture f) : PublicationTests(f);

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
