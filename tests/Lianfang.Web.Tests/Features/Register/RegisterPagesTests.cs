using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Register;

public abstract class RegisterPagesTests(AppFixture f)
{
    private static int IdFrom(HttpResponseMessage res) => int.Parse(res.Headers.Location!.OriginalString.Split("id=")[1].Split('#', '&')[0]);

    [Fact]
    public async Task Party_office_opens_a_campaign_and_writes_the_unit_list_through_the_pages()
    {
        var w = await World.CreateAsync(f, "页面排查");
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var res = await page.SubmitAsync("/Campaigns/Open", new()
        {
            ["Name"] = "2026年度排查", ["Year"] = "2026", ["Deadline"] = "2026-05-31", ["SchemeCode"] = "sanjiang-2019", ["Input.OrgUnitId"] = w.U1.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var campaign = IdFrom(res);
        var detail = await page.GetAsync($"/Campaigns/Detail?id={campaign}");
        var unitRow = detail.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains("单位") && r.TextContent.Contains("卫健委"));
        var listUrl = unitRow.QuerySelector("a")!.GetAttribute("href")!;
        var listId = int.Parse(listUrl.Split("id=")[1]);

        var suggest = await page.Http.GetStringAsync($"/Lists/Edit?handler=Suggest&id={listId}&Input.CategoryCode=ideology");
        Assert.Contains("理想信念", suggest);

        res = await page.SubmitAsync(listUrl, new()
        {
            ["Input.CategoryCode"] = "process", ["Input.LevelCode"] = "level1", ["Input.Description"] = "工程项目招标中围标串标",
            ["Input.Measures"] = "1．招标文件集体审定\n2．评标专家随机抽取", ["Input.Leader"] = "孙伟", ["Input.Persons"] = "王芳、吴军",
        }, "#point-form");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var api = await (await f.As(w.Users["principal"])).GetAsync($"/api/v1/lists/{listId}").Expect(HttpStatusCode.OK);
        var point = api.GetProperty("riskPoints")[0];
        Assert.Equal(["招标文件集体审定", "评标专家随机抽取"], point.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(["王芳", "吴军"], point.GetProperty("responsible").GetProperty("persons").EnumerateArray().Select(m => m.GetString()));

        var register = await page.GetAsync($"/Register?campaignId={campaign}&q=" + Uri.EscapeDataString("围标"));
        Assert.Contains("工程项目招标中围标串标", PageClient.Text(register));
        var none = await page.GetAsync($"/Register?campaignId={campaign}&levelCode=level3");
        Assert.Contains("没有符合条件的风险点", PageClient.Text(none));
    }

    [Fact]
    public async Task The_changes_page_lists_what_moved_since_last_year()
    {
        var w = await World.CreateAsync(f, "页面对比");
        var office = await f.As(w.Users["party_office"]);
        var first = (await office.Post("/api/v1/campaigns", new { name = "2025排查", year = 2025, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2025-05-31" }).Expect(HttpStatusCode.Created)).Id();
        var unitList = (await office.GetAsync($"/api/v1/campaigns/{first}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().Single(l => l.GetProperty("scope").GetString() == "Unit").Id();
        await office.Post($"/api/v1/lists/{unitList}/risk-points", new { categoryCode = "decision", description = "决策不民主", levelCode = "general" }).Expect(HttpStatusCode.Created);
        var second = (await office.Post("/api/v1/campaigns", new { name = "2026排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31", carryForwardFromCampaignId = first }).Expect(HttpStatusCode.Created)).Id();
        var newList = (await office.GetAsync($"/api/v1/campaigns/{second}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().Single(l => l.GetProperty("scope").GetString() == "Unit").Id();
        await office.Post($"/api/v1/lists/{newList}/risk-points", new { categoryCode = "conduct", description = "新发现的作风问题", levelCode = "important" }).Expect(HttpStatusCode.Created);

        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var text = PageClient.Text(await page.GetAsync($"/Campaigns/Changes?id={second}"));
        Assert.Contains("新增 1", text);
        Assert.Contains("新发现的作风问题", text);
        Assert.Contains("未变 1", text);
        Assert.Contains("2026排查", PageClient.Text(await page.GetAsync("/Campaigns")));
        var register = PageClient.Text(await page.GetAsync($"/Register?campaignId={second}&sort=level"));
        Assert.True(register.IndexOf("新发现的作风问题") < register.IndexOf("决策不民主"), "重要 sorts before 一般");
    }
}

[Collection("sqlite")] public sealed class RegisterPagesTests_Sqlite(SqliteFixture f) : RegisterPagesTests(f);
[Collection("postgres")] public sealed class RegisterPagesTests_Postgres(PostgresFixture f) : RegisterPagesTests(f);
