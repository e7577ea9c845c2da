using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

/// <summary>
/// Leaders approve on their phones: at 390 × 844 the menu folds behind a button, the top bar keeps 待办 in one row, and a
/// list is approved and returned, an inspection recorded and a rectification reported with a photo, all without zooming.
/// </summary>
public sealed class PhoneJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    private async Task<IPage> PhoneAsync(string userName)
    {
        var context = await f.Browser.NewContextAsync(new()
        {
            Locale = "zh-CN", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        page.Dialog += (_, d) => d.AcceptAsync();
        await page.GotoAsync(f.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync("Lianfang-demo-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(f.BaseUrl + "/");
        return page;
    }

    /// <summary>Nothing on the page is wider than the phone: no sideways scrolling of the whole page.</summary>
    private static async Task AssertFitsAsync(IPage page, string where)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{where}: the page is {width}px wide on a 390px phone");
    }

    private static async Task OpenFromMenuAsync(IPage page, string item)
    {
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });
        Assert.False(await menu.IsVisibleAsync()); // folded away on a phone
        await page.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = item }).ClickAsync();
    }

    private async Task<IPage> FromInboxAsync(string userName, string rowText)
    {
        var page = await PhoneAsync(userName);
        await OpenFromMenuAsync(page, "我的待办");
        await page.Locator("#inbox").WaitForAsync();
        await AssertFitsAsync(page, $"{userName} 我的待办");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = rowText }).First.GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task On_a_phone_a_list_is_approved_and_returned_an_inspection_recorded_and_a_rectification_reported_with_a_photo()
    {
        var staff = await FromInboxAsync("demo.staff", "王芳");
        await staff.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await staff.GetByText("清单已提交审核").WaitForAsync();
        await staff.Context.CloseAsync();

        // 处室负责人 approves from his phone
        var head = await FromInboxAsync("demo.depthead", "王芳");
        await head.GetByText("当前环节：处室负责人把关").WaitForAsync();
        await AssertFitsAsync(head, "list under review");
        await head.ScreenshotAsync(new() { Path = Shot("90-phone-review.png"), FullPage = true });
        await head.GetByLabel("审核意见").FillAsync("同意");
        await head.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await head.GetByText("已审核通过并签字").WaitForAsync();
        await head.Context.CloseAsync();

        // 分管领导 returns it from his, with the reason
        var leader = await FromInboxAsync("demo.leader", "王芳");
        await leader.GetByText("当前环节：分管领导把关").WaitForAsync();
        await leader.GetByLabel("审核意见").FillAsync("防控措施过于笼统，请细化");
        await leader.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await leader.GetByText("已退回清单").WaitForAsync();
        await leader.Context.CloseAsync();

        // the agency records a site visit with a finding for 赵强 to fix
        var agency = await PhoneAsync("demo.agency");
        await OpenFromMenuAsync(agency, "监督检查");
        await agency.GetByRole(AriaRole.Link, new() { Name = "开展检查" }).ClickAsync();
        await agency.GetByLabel("被检查单位").SelectOptionAsync(new SelectOptionValue { Label = "示范市卫生健康委员会" });
        await agency.GetByLabel("检查方式").SelectOptionAsync(new SelectOptionValue { Label = "实地走访抽查" });
        await agency.GetByLabel("谈话记录 / 走访抽查记录").FillAsync("走访财务处，抽查报销凭证 30 份。");
        await AssertFitsAsync(agency, "new inspection");
        await agency.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await agency.GetByText("检查已登记").WaitForAsync();
        await agency.GetByLabel("问题描述").FillAsync("2 份报销凭证缺少审批签字");
        await agency.GetByLabel("整改责任单位").SelectOptionAsync(new SelectOptionValue { Label = "财务处" });
        await agency.GetByLabel("整改责任人").SelectOptionAsync(new SelectOptionValue { Label = "赵强（财务处）" });
        await agency.GetByLabel("整改要求").FillAsync("补齐审批签字并复核同期凭证");
        await agency.GetByRole(AriaRole.Button, new() { Name = "登记问题" }).ClickAsync();
        await agency.GetByText("整改已下达").WaitForAsync();
        await AssertFitsAsync(agency, "inspection with its finding");
        await agency.ScreenshotAsync(new() { Path = Shot("91-phone-inspection.png"), FullPage = true });
        await agency.Context.CloseAsync();

        // 赵强 finds the task in his 待办, photographs the signed vouchers and reports
        var owner = await FromInboxAsync("demo.depthead", "补齐审批签字并复核同期凭证");
        var photo = Path.Combine(Path.GetTempPath(), $"凭证照片-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        await owner.GetByLabel("上传佐证材料", new() { Exact = false }).SetInputFilesAsync(photo);
        await owner.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await owner.GetByText("已上传").WaitForAsync();
        await owner.GetByLabel("整改情况说明").FillAsync("已补齐签字，复核同期凭证 120 份无同类问题。");
        await owner.GetByRole(AriaRole.Button, new() { Name = "报送验收" }).ClickAsync();
        await owner.GetByText("等待验收").WaitForAsync();
        await AssertFitsAsync(owner, "rectification reported");
        await owner.ScreenshotAsync(new() { Path = Shot("92-phone-rectification.png"), FullPage = true });
        File.Delete(photo);
    }
}
