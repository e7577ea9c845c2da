using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Review;

public abstract class PublicationTests(AppFixture f)
{
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
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "去年排查", year = 2025, schemeCode = "shaoxing-2018", rootOrgUnitId = w.C, deadline = f.App.Day(-3) })
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
