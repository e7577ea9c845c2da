using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Schemes;

public abstract class SchemesPagesTests(AppFixture f)
{
    [Fact]
    public async Task Scheme_pages_show_the_seed_content_and_copy_a_preset()
    {
        var w = await World.CreateAsync(f, "方案页");
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var index = PageClient.Text(await page.GetAsync("/Schemes"));
        Assert.Contains("sanjiang-2019", index);
        var detail = PageClient.Text(await page.GetAsync("/Schemes/Detail?code=longsheng-2012"));
        Assert.Contains("纪检监察", detail);
        Assert.Contains("领导班子", detail);
        Assert.Contains("纪委监委（派驻机构）考核各单位，满分 100 分", detail);
        Assert.Contains("认真自查自纠，自查报告客观真实", detail);
        var api = await (await f.As(w.Users["party_office"])).GetAsync("/api/v1/schemes/lianyun-finance").Expect(HttpStatusCode.OK);
        Assert.Equal(("Post", "LeadingGroup", 4), (api.GetProperty("assessment").GetProperty("of").GetString(), api.GetProperty("assessment").GetProperty("by").GetString(),
            api.GetProperty("assessment").GetProperty("criteria").GetArrayLength()));
        var code = $"cp-{Guid.NewGuid().ToString("N")[..6]}";
        var res = await page.SubmitAsync("/Schemes/Detail?code=shaoxing-2018", new() { ["newCode"] = code, ["name"] = "卫健委方案", ["Input.OrgUnitId"] = w.U1.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("卫健委方案", PageClient.Text(await page.GetAsync($"/Schemes/Detail?code={code}")));

        var editor = await page.GetAsync($"/Schemes/Edit?code={code}");
        var json = editor.QuerySelector("textarea")!.TextContent.Replace("\"决策廉洁风险\"", "\"决策风险（本单位）\"");
        res = await page.SubmitAsync($"/Schemes/Edit?code={code}", new() { ["Json"] = json });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("决策风险（本单位）", PageClient.Text(await page.GetAsync($"/Schemes/Detail?code={code}")));
        res = await page.SubmitAsync($"/Schemes/Edit?code={code}", new() { ["Json"] = "{ not json" });
        Assert.Contains("不是有效的 JSON", await res.Content.ReadAsStringAsync());
        await page.GetAsync("/Schemes/Edit?code=shaoxing-2018", HttpStatusCode.NotFound);
    }
}

[Collection("sqlite")] public sealed class SchemesPagesTests_Sqlite(SqliteFixture f) : SchemesPagesTests(f);
[Collection("postgres")] public sealed class SchemesPagesTests_Postgres(PostgresFixture f) : SchemesPagesTests(f);
