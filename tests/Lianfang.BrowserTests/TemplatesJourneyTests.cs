using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

/// <summary>Issue 21: a party office takes the scheme's form as a template, uploads its own version, and the list exports in it.</summary>
public sealed class TemplatesJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_party_office_downloads_a_built_in_form_uploads_it_as_its_own_and_a_list_exports_in_it()
    {
        var page = await f.LoginAsync("demo.partyoffice");
        await page.GotoAsync(f.BaseUrl + "/Schemes/Detail?code=shaoxing-2018");
        await page.GetByRole(AriaRole.Link, new() { Name = "表格模板与本单位式样 →" }).ClickAsync();
        var template = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Row).Filter(new() { HasText = "annex1" }).GetByRole(AriaRole.Link, new() { Name = "Word 模板" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"template-{Guid.NewGuid():N}.docx");
        await template.SaveAsAsync(path);

        // the built-in form's own code is refused, with the reason
        await page.GetByLabel("模板文件（.docx 或 .xlsx）").SetInputFilesAsync(path);
        await page.GetByLabel("代码").FillAsync("annex1");
        await page.GetByLabel("表格名称").FillAsync("本县清单式样");
        await page.GetByRole(AriaRole.Button, new() { Name = "检查并保存" }).ClickAsync();
        await page.GetByText("是方案的内置表格，请另取一个代码").WaitForAsync();

        await page.GetByLabel("模板文件（.docx 或 .xlsx）").SetInputFilesAsync(path);
        await page.GetByLabel("代码").FillAsync("county-list");
        await page.GetByLabel("表格名称").FillAsync("本县清单式样");
        await page.GetByRole(AriaRole.Button, new() { Name = "检查并保存" }).ClickAsync();
        await page.GetByText("已保存“本县清单式样”第 1 版").WaitForAsync();
        var row = await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "county-list" }).InnerTextAsync();
        Assert.Contains("单位上传", row);
        Assert.Contains("第 1 版", row);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "60-form-templates.png"), FullPage = true });
        File.Delete(path);

        await page.GotoAsync(f.BaseUrl + "/Campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = f.CampaignName }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "王芳" }).First.GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "导出表格" }).ClickAsync();
        await page.GetByText("本县清单式样（本单位式样）").WaitForAsync();
        var export = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator(".dropdown-menu a[href*='form=county-list'][href*='format=docx']").ClickAsync());
        Assert.EndsWith("本县清单式样.docx", export.SuggestedFilename);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "61-export-own-form.png") });
    }
}
