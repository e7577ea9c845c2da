using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class RegisterJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Party_office_opens_a_campaign_writes_two_points_with_suggestions_and_filters_the_register()
    {
        var page = await f.LoginAsync("demo.partyoffice");
        await page.GetByRole(AriaRole.Link, new() { Name = "风险排查" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "开展排查" }).ClickAsync();
        await page.GetByLabel("排查名称").FillAsync("2027年度三江方案试点排查");
        await page.GetByLabel("年度").FillAsync("2027");
        await page.GetByLabel("方案").SelectOptionAsync(new SelectOptionValue { Value = "sanjiang-2019" });
        await page.GetByLabel("排查范围（机构及其下级）").SelectOptionAsync(new SelectOptionValue { Label = "示范市卫生健康委员会" });
        await page.GetByRole(AriaRole.Button, new() { Name = "生成清单" }).ClickAsync();
        await page.GetByText("清单已生成").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "10-campaign.png"), FullPage = true });

        // the unit's own list (the party office writes it)
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "单位" }).Filter(new() { HasText = "示范市卫生健康委员会" }).First
            .GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await page.GetByText("您可以填写本清单").WaitForAsync();

        // first point: pick the category, take a reference manifestation from the seed
        await page.GetByLabel("风险类别").SelectOptionAsync(new SelectOptionValue { Label = "思想意识风险" });
        var suggestion = page.Locator("#suggestions .lf-suggest").First;
        await suggestion.WaitForAsync();
        var suggested = await suggestion.GetAttributeAsync("data-text");
        await suggestion.ClickAsync();
        Assert.Equal(suggested, await page.GetByLabel("廉政风险点描述").InputValueAsync());
        await page.GetByLabel("风险等级（自评）").SelectOptionAsync(new SelectOptionValue { Label = "二级" });
        await page.GetByLabel("防控措施（每行一条，可带 1．2． 编号）").FillAsync("1．开展廉洁从业教育\n2．签订廉洁承诺书");
        await page.GetByLabel("责任领导").FillAsync("孙伟");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "11-point-editor.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存风险点" }).ClickAsync();
        await page.GetByText("已保存第 1 条风险点").WaitForAsync();

        // second point: a 工作流程 risk written by hand, rated on the matrix (发生机率较高 × 特别严重后果 → 一级)
        await page.GetByLabel("风险类别").SelectOptionAsync(new SelectOptionValue { Label = "工作流程风险" });
        await page.Locator("#suggestions .lf-suggest").First.WaitForAsync();
        await page.GetByLabel("廉政风险点描述").FillAsync("药品耗材采购不按规定程序，指定供应商");
        await page.GetByLabel("可能性").SelectOptionAsync(new SelectOptionValue { Label = "发生机率较高" });
        await page.GetByLabel("危害程度").SelectOptionAsync(new SelectOptionValue { Label = "发生后将造成特别严重后果，甚至可能犯罪" });
        await page.GetByLabel("防控措施（每行一条，可带 1．2． 编号）").FillAsync("1．采购全流程留痕 2．结果公示");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存风险点" }).ClickAsync();
        await page.GetByText("已保存第 2 条风险点").WaitForAsync();
        var table = await page.GetByRole(AriaRole.Table).First.InnerTextAsync();
        Assert.Contains(suggested!, table);
        Assert.Contains("采购全流程留痕", table);
        Assert.Contains("一级", await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "指定供应商" }).First.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "12-list.png"), FullPage = true });

        // the register: filter by category, then search Chinese text
        await page.GetByRole(AriaRole.Link, new() { Name = "风险登记簿" }).ClickAsync();
        await page.GetByLabel("排查").SelectOptionAsync(new SelectOptionValue { Label = "2027 · 2027年度三江方案试点排查" });
        await page.WaitForURLAsync(new Regex("campaignId="));
        await page.GetByLabel("风险类别").SelectOptionAsync(new SelectOptionValue { Label = "工作流程风险" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        Assert.Equal(2, await rows.CountAsync()); // header + one point
        Assert.Contains("指定供应商", await page.GetByRole(AriaRole.Table).InnerTextAsync());
        // the page comes back with the filters it was asked for still chosen
        Assert.Equal("工作流程风险", await page.GetByLabel("风险类别").EvaluateAsync<string>("s => s.selectedOptions[0].textContent.trim()"));
        Assert.Equal("2027 · 2027年度三江方案试点排查", await page.GetByLabel("排查").EvaluateAsync<string>("s => s.selectedOptions[0].textContent.trim()"));

        await page.GetByLabel("风险类别").SelectOptionAsync(new SelectOptionValue { Label = "全部" });
        await page.GetByLabel("检索（风险点、表现形式、防控措施）").FillAsync("廉洁承诺");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        Assert.Contains(suggested!, await page.GetByRole(AriaRole.Table).InnerTextAsync());
        Assert.Equal(2, await rows.CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "13-register.png"), FullPage = true });
    }
}
