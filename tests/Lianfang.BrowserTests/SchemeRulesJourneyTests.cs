using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class SchemeRulesJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_scheme_page_lists_each_rule_with_the_seeds_words_and_where_it_acts()
    {
        var page = await f.LoginAsync("demo.partyoffice");
        await page.GotoAsync(f.BaseUrl + "/Schemes");
        await page.GetByRole(AriaRole.Link, new() { Name = "龙胜县廉政风险防范管理" }).First.ClickAsync();
        var rules = page.Locator("#rules");
        await rules.WaitForAsync();
        var publication = await rules.GetByRole(AriaRole.Row).Filter(new() { HasText = "公示" }).First.InnerTextAsync();
        Assert.Contains("个人的可以用桌卡的形式公示", publication);   // the seed's words
        Assert.Contains("“单位内公示”环节通过前", publication);      // where it acts
        Assert.Contains("预设为 5 天", publication);                  // what the preset chose where the seed is silent
        Assert.Contains("保存方案时", await rules.GetByRole(AriaRole.Row).Filter(new() { HasText = "逐级签字" }).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "70-scheme-rules.png"), FullPage = true });
    }
}
