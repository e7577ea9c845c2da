using System.Net;
using Lianfang.Web.Tests.Features.Forms;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Register;

/// <summary>
/// A text search counts its hits up to 1,000 and says when there are more ("1,000 条以上"), newest first: the first page
/// comes back without counting or sorting a province's every match. Without a search the total stays exact.
/// </summary>
public abstract class SearchCapTests(AppFixture f)
{
    [Fact]
    public async Task A_search_with_more_than_a_thousand_hits_counts_to_a_thousand_and_shows_the_newest_first()
    {
        var s = await WrittenList.CreateAsync(f, "检索上限");
        var sheet = new Corpus.Sheet("清单").Row(1, "序号", "风险点描述", "风险等级");
        for (var i = 1; i <= 1_001; i++) sheet.Row(i + 1, i.ToString(), $"批量检索词第{i:D4}条：报销审核", "一般");
        var staff = await f.As(s.W.Users["staff"]);
        await FormsWorld.Upload(staff, s.List, Corpus.Xlsx(sheet), "清单.xlsx").Expect(HttpStatusCode.OK);

        var office = await f.As(s.W.Users["party_office"]);
        var hits = await office.GetAsync($"/api/v1/risk-points?campaignId={s.Campaign}&q={Uri.EscapeDataString("批量检索词")}&pageSize=50").Expect(HttpStatusCode.OK);
        Assert.Equal((1_000, true, 50), (hits.GetProperty("total").GetInt32(), hits.GetProperty("totalCapped").GetBoolean(), hits.GetProperty("items").GetArrayLength()));
        Assert.StartsWith("批量检索词第1001条", hits.GetProperty("items")[0].GetProperty("description").GetString());
        // a narrower search is counted exactly
        var few = await office.GetAsync($"/api/v1/risk-points?campaignId={s.Campaign}&q={Uri.EscapeDataString("第099")}").Expect(HttpStatusCode.OK);
        Assert.Equal((10, false), (few.GetProperty("total").GetInt32(), few.GetProperty("totalCapped").GetBoolean()));
        // asked for, the order is the unit's (a list's rows in their order)
        var byUnit = await office.GetAsync($"/api/v1/risk-points?campaignId={s.Campaign}&q={Uri.EscapeDataString("第099")}&sort=org").Expect(HttpStatusCode.OK);
        Assert.StartsWith("批量检索词第0990条", byUnit.GetProperty("items")[0].GetProperty("description").GetString());
        // no search: the register counts every point
        var all = await office.GetAsync($"/api/v1/risk-points?campaignId={s.Campaign}").Expect(HttpStatusCode.OK);
        Assert.Equal((1_003, false), (all.GetProperty("total").GetInt32(), all.GetProperty("totalCapped").GetBoolean()));
        // a search of control characters alone (a pasted tab, a stray NUL) searches nothing: the whole register, counted exactly
        var blank = await office.GetAsync($"/api/v1/risk-points?campaignId={s.Campaign}&q={Uri.EscapeDataString("\t\0\u0007")}").Expect(HttpStatusCode.OK);
        Assert.Equal((1_003, false), (blank.GetProperty("total").GetInt32(), blank.GetProperty("totalCapped").GetBoolean()));

        var page = await PageClient.LoginAsync(f, s.W.Users["party_office"]);
        var text = PageClient.Text(await page.GetAsync($"/Register?campaignId={s.Campaign}&q={Uri.EscapeDataString("批量检索词")}"));
        Assert.Contains("共 1,000 条以上", text);
        Assert.Contains("共 1003 条", PageClient.Text(await page.GetAsync($"/Register?campaignId={s.Campaign}")));
        Assert.Contains("共 1003 条", PageClient.Text(await page.GetAsync($"/Register?campaignId={s.Campaign}&q=%09%00")));
    }
}

[Collection("sqlite")] public sealed class SearchCapTests_Sqlite(SqliteFixture f) : SearchCapTests(f);
[Collection("postgres")] public sealed class SearchCapTests_Postgres(PostgresFixture f) : SearchCapTests(f);
