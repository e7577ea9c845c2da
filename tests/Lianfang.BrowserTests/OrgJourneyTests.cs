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

        // the department's 工作职责 and 负责人, which the registration forms print above their tables
        var unitId = System.Text.RegularExpressions.Regex.Match(page.Url, @"id=(\d+)").Groups[1].Value;
        await page.GotoAsync(f.BaseUrl + "/Org/Edit?id=" + unitId);
        await page.GetByLabel("部门工作职责（登记表表头）").FillAsync("负责本单位财务管理、预算编制和会计核算");
        await page.GetByLabel("负责人").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "03-unit-form.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.GetByText("已保存“财务处”").WaitForAsync();
    }

    [Fact]
    public async Task The_three_administrators_each_do_their_part_of_an_account_and_the_auditor_sees_it_all()
    {
        // 系统管理员 creates the account; it has no role until 安全管理员 grants one
        var admin = await f.LoginAsync("admin", "Admin-browser-2026");
        await admin.GotoAsync(f.BaseUrl + "/Admin/Users");
        Assert.Contains("demo.leader", await admin.GetByRole(AriaRole.Table).InnerTextAsync());
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "04-users.png"), FullPage = true });
        await admin.GetByRole(AriaRole.Link, new() { Name = "新建账号" }).ClickAsync();
        await admin.GetByLabel("用户名").FillAsync("sanyuan.clerk");
        await admin.GetByLabel("初始密码（至少 12 个字符）").FillAsync("Clerk-browser-2026");
        await admin.GetByLabel("管理该账号的机构（默认为人员所在机构）").SelectOptionAsync(new SelectOptionValue { Label = "　　财务处" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await admin.GetByText("请安全管理员为其授予权限").WaitForAsync();
        Assert.Equal(0, await admin.GetByRole(AriaRole.Button, new() { Name = "授予权限" }).CountAsync());
        var account = admin.Url;
        await admin.GotoAsync(f.BaseUrl + "/Audit");
        Assert.Contains("无权访问", await admin.Locator("body").InnerTextAsync());

        var security = await f.LoginAsync("secadmin", "Admin-browser-2026");
        await security.GotoAsync(account);
        await security.GetByLabel("角色").SelectOptionAsync(new SelectOptionValue { Label = "岗位人员" });
        await security.GetByLabel("机构").SelectOptionAsync(new SelectOptionValue { Label = "　　财务处" });
        await security.GetByRole(AriaRole.Button, new() { Name = "授予权限" }).ClickAsync();
        await security.GetByText("已授予权限").WaitForAsync();
        Assert.Contains("岗位人员", await security.GetByRole(AriaRole.Table).InnerTextAsync());
        Assert.Equal(0, await security.GetByRole(AriaRole.Button, new() { Name = "重置" }).CountAsync()); // passwords are the admin's
        await security.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "04-grant.png"), FullPage = true });
        // the password and lockout policy is the security administrator's too
        await security.GetByRole(AriaRole.Link, new() { Name = "安全策略" }).ClickAsync();
        await security.GetByLabel("密码有效期（天，0 表示不过期）").FillAsync("60");
        await security.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await security.GetByText("安全策略已保存，立即生效").WaitForAsync();
        Assert.Equal("60", await security.GetByLabel("密码有效期（天，0 表示不过期）").InputValueAsync());
        await security.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "04-security-policy.png"), FullPage = true });

        var auditor = await f.LoginAsync("auditor", "Admin-browser-2026");
        await auditor.GotoAsync(f.BaseUrl + "/Audit?entityType=UserGrant");
        Assert.Contains("secadmin", await auditor.Locator("#audit").InnerTextAsync());
        await auditor.GotoAsync(f.BaseUrl + "/Audit");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "校验哈希链" }).ClickAsync();
        await auditor.GetByText("审计日志完整").WaitForAsync();
        await auditor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "05-audit.png") });
        await auditor.GotoAsync(f.BaseUrl + "/Admin/Users");
        Assert.Contains("无权访问", await auditor.Locator("body").InnerTextAsync());

        var page = admin;
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
