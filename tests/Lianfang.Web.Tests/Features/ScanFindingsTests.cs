using System.Net;
using AngleSharp.Html.Dom;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features;

/// <summary>Requests wapiti sent that answered 500 (scripts/security-scan.sh); each must be a plain 4xx or a result.</summary>
public abstract class ScanFindingsTests(AppFixture f)
{
    [Fact]
    public async Task A_search_with_a_NUL_character_is_searched_without_it()
    {
        var w = await World.CreateAsync(f, "扫描检索");
        var office = await f.As(w.Users["party_office"]);
        await office.Post("/api/v1/campaigns", new { name = "扫描排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Created);

        // "/e\0" is three characters, so it went to FTS5 MATCH, which stopped at the NUL: "unterminated string".
        await office.GetAsync("/api/v1/risk-points?q=%2Fe%00").Expect(HttpStatusCode.OK);
        await office.GetAsync("/api/v1/risk-points?q=%E5%AE%A1%00%E6%89%B9%E4%BA%8B").Expect(HttpStatusCode.OK);
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        await page.GetAsync("/Register?q=%2Fe%00");
    }

    [Fact]
    public async Task A_bad_export_parameter_on_the_power_catalog_page_answers_400()
    {
        var w = await World.CreateAsync(f, "扫描导出");
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        // The export handler threw a 400, the page filter rendered the page it had not loaded: a 500.
        var doc = await page.GetAsync($"/Powers?handler=Export&orgUnitId={w.U1}&form=%3Benv%3B&format=docx", HttpStatusCode.BadRequest);
        Assert.Contains("请求有误", PageClient.Text(doc));
        await page.GetAsync($"/Powers?handler=Export&orgUnitId={w.U1}&form=annex2&format=%3Benv%3B", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_post_to_a_handler_the_page_does_not_have_answers_404()
    {
        var w = await World.CreateAsync(f, "扫描处理");
        var page = await PageClient.LoginAsync(f, w.Users["party_office"]);
        var doc = await page.GetAsync("/Complaints");
        var token = doc.QuerySelectorAll("input[name=__RequestVerificationToken]").OfType<IHtmlInputElement>().First().Value;
        var res = await page.Http.PostAsync("/Complaints?handler=%3Benv%3B", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["content"] = "Hi there!",
        }));
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        // The page's own handlers still work.
        res = await page.Http.PostAsync("/Complaints?handler=Petition", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["orgUnitId"] = w.U1.ToString(), ["content"] = "反映窗口办事索要好处费",
        }));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
    }
}

[Collection("sqlite")] public sealed class ScanFindingsTests_Sqlite(SqliteFixture f) : ScanFindingsTests(f);
[Collection("postgres")] public sealed class ScanFindingsTests_Postgres(PostgresFixture f) : ScanFindingsTests(f);
