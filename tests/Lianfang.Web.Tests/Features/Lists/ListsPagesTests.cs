using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Lists;

public abstract class ListsPagesTests(AppFixture f)
{
    [Fact]
    public async Task A_bad_point_comes_back_to_the_form_with_the_message()
    {
        var w = await World.CreateAsync(f, "页面坏点");
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31" }).Expect(HttpStatusCode.Created)).Id();
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray();
        var own = lists.Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var staff = await PageClient.LoginAsync(f, w.Users["staff"]);
        var res = await staff.SubmitAsync($"/Lists/Edit?id={own}", new() { ["Input.CategoryCode"] = "post", ["Input.LevelCode"] = "", ["Input.Description"] = "报销把关不严" }, "#point-form");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("风险等级", await res.Content.ReadAsStringAsync());
        Assert.Equal(0, (await f.Observer.GetAsync($"/api/v1/lists/{own}/risk-points").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // the department head sees the list but gets no editor: only the holder writes it
        var head = await PageClient.LoginAsync(f, w.Users["dept_head"]);
        var doc = await head.GetAsync($"/Lists/Edit?id={own}");
        Assert.Null(doc.QuerySelector("#editor"));
        Assert.Contains("不得代替撰写", PageClient.Text(doc));
        var other = await f.OtherWorldAsync();
        await (await PageClient.LoginAsync(f, other.Users["principal"])).GetAsync($"/Lists/Edit?id={own}", HttpStatusCode.NotFound);
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
        await WrittenList.PublishAsync(f, s);
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
}

[Collection("sqlite")] public sealed class ListsPagesTests_Sqlite(SqliteFixture f) : ListsPagesTests(f);
[Collection("postgres")] public sealed class ListsPagesTests_Postgres(PostgresFixture f) : ListsPagesTests(f);
