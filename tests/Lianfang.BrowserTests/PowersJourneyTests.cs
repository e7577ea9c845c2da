using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class PowersJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_party_office_builds_a_three_step_flow_and_sees_it_drawn()
    {
        var page = await f.LoginAsync("demo.partyoffice");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "职权目录" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "新增职权事项" }).ClickAsync();
        await page.GetByLabel("类别").SelectOptionAsync(new SelectOptionValue { Label = "行政许可(含非许可行政审批)" });
        await page.GetByLabel("项目名称").FillAsync("医疗机构执业登记");
        await page.GetByLabel("实施主体").FillAsync("示范市卫生健康委员会");
        await page.GetByLabel("实施依据").FillAsync("《医疗机构管理条例》第十五条");
        await page.GetByLabel("承办机构").FillAsync("医政医管处");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByText("已保存“医疗机构执业登记”").WaitForAsync();

        var rows = new[] { ("accept", "受理", "政务窗口"), ("review", "现场审查", "医政医管处"), ("decide", "审批决定", "分管领导") };
        for (var i = 0; i < rows.Length; i++)
        {
            await page.GetByLabel($"第 {i + 1} 行编号").FillAsync(rows[i].Item1);
            await page.GetByLabel($"第 {i + 1} 行名称").FillAsync(rows[i].Item2);
            await page.GetByLabel($"第 {i + 1} 行办理主体").FillAsync(rows[i].Item3);
        }
        await page.GetByLabel("第 3 行监督方式").FillAsync("集体研究、结果公示");
        await page.GetByLabel("第 1 条连线起点编号").FillAsync("accept");
        await page.GetByLabel("第 1 条连线终点编号").FillAsync("review");
        await page.GetByLabel("第 2 条连线起点编号").FillAsync("review");
        await page.GetByLabel("第 2 条连线终点编号").FillAsync("decide");
        await page.GetByLabel("第 3 条连线起点编号").FillAsync("review");
        await page.GetByLabel("第 3 条连线终点编号").FillAsync("accept");
        await page.GetByLabel("第 3 条连线说明").FillAsync("材料不全，退回补正");
        await page.GetByLabel("第 3 条连线为退回").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存流程图" }).ClickAsync();
        await page.GetByText("流程图已保存").WaitForAsync();

        var chart = page.Locator("figure svg");
        Assert.Equal(3, await chart.Locator("g[data-step]").CountAsync());
        Assert.Equal(3, await chart.Locator("path[data-edge]").CountAsync());
        Assert.Contains("现场审查", await chart.InnerHTMLAsync());
        await page.Locator("figure").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "40-power-flow.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "41-power-flow-page.png"), FullPage = true });
    }
}
