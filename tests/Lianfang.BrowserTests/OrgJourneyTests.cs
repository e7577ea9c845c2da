using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class OrgJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Party_office_logs_in_and_browses_the_tree_down_to_a_department()
    {
        var page = await f.LoginAsync("demo.partyoffice");
        Assert.Contains("欢迎", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "01-home.png"), FullPage = true });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "组织机构" }).ClickAsync();
        var tree = page.GetByRole(AriaRole.Navigation, new() { Name = "机构树" });
        await tree.GetByRole(AriaRole.Link, new() { Name = "示范市卫生健康委员会" }).WaitForAsync();
        Assert.Equal(0, await tree.GetByRole(AriaRole.Link, new() { Name = "示范市财政局" }).CountAsync()); // outside its unit

        await tree.GetByRole(AriaRole.Link, new() { Name = "财务处" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Org\\?id="));
        Assert.Contains("财务处", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var posts = page.GetByRole(AriaRole.Table).Nth(1);
        Assert.Contains("财务处处长", await posts.InnerTextAsync());
        Assert.Contains("会计", await posts.InnerTextAsync());
        Assert.Contains("王芳", await page.GetByRole(AriaRole.Table).Nth(2).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "02-org-tree.png"), FullPage = true });

        // add a post through the form and see it listed
        await page.GetByRole(AriaRole.Link, new() { Name = "新增岗位" }).ClickAsync();
        await page.GetByLabel("岗位名称").FillAsync("出纳");
        await page.GetByLabel("其他岗位").CheckAsync();
        await page.GetByLabel("岗位职责").FillAsync("负责现金收付和银行结算");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "03-post-form.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByText("已保存岗位“出纳”").WaitForAsync();
        Assert.Contains("负责现金收付和银行结算", await page.GetByRole(AriaRole.Table).Nth(1).InnerTextAsync());
    }

    [Fact]
    public async Task Admin_sees_accounts_and_the_verified_audit_trail()
    {
        var page = await f.LoginAsync("admin", "Admin-browser-2026");
        await page.GotoAsync(f.BaseUrl + "/Admin/Users");
        Assert.Contains("demo.leader", await page.GetByRole(AriaRole.Table).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "04-users.png"), FullPage = true });

        await page.GotoAsync(f.BaseUrl + "/Audit");
        await page.GetByRole(AriaRole.Button, new() { Name = "校验哈希链" }).ClickAsync();
        await page.GetByText("审计日志完整").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "05-audit.png") });

        await page.GotoAsync(f.BaseUrl + "/Org/Import?id=2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "06-import.png"), FullPage = true });
    }

    [Fact]
    public async Task The_login_page_looks_right_before_anyone_signs_in()
    {
        var context = await f.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(f.BaseUrl + "/Org");
        Assert.Contains("/Account/Login", page.Url);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "00-login.png") });
        Assert.Empty(errors); // no CSP violations, no missing scripts
    }
}
