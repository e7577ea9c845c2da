using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class FormsJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_previews_an_Excel_list_imports_it_and_downloads_the_official_form()
    {
        var page = await f.LoginAsync("demo.staff");
        await page.GotoAsync(f.BaseUrl + "/Campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = f.CampaignName }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "王芳" }).First.GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "导入 Word/Excel" }).ClickAsync();

        await page.GetByLabel("Word 或 Excel 文件").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "health-list.xlsx"));
        await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
        await page.GetByText("识别出 5 条风险点").WaitForAsync();
        var preview = await page.GetByRole(AriaRole.Table, new() { Name = "导入预览" }).InnerTextAsync();
        Assert.Contains("个人被服务对象“围猎”", preview);
        Assert.Contains("由文字推断", preview);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "20-import-preview.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入 5 条" }).ClickAsync();
        await page.GetByText("导入 5 条风险点").WaitForAsync();
        Assert.Contains("签订廉洁承诺书", await page.GetByRole(AriaRole.Table).First.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "21-imported.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "导出表格" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel（.xlsx）" }).First.ClickAsync());
        Assert.EndsWith("廉洁风险防控清单.xlsx", download.SuggestedFilename);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "22-export-menu.png") });
    }
}
