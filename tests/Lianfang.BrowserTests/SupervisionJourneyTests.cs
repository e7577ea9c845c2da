using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class SupervisionJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    private async Task<IPage> LoginAsync(string user)
    {
        var page = await f.LoginAsync(user);
        page.Dialog += (_, d) => d.AcceptAsync();
        return page;
    }

    private static ILocator Menu(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = name });

    [Fact]
    public async Task An_agency_inquires_into_an_important_point_the_unit_replies_and_a_rectification_is_verified()
    {
        // the unit's list is approved first: the principal, then the agency
        var office = await LoginAsync("demo.partyoffice");
        await Menu(office, "风险排查").ClickAsync();
        await office.GetByRole(AriaRole.Link, new() { Name = f.CampaignName }).ClickAsync();
        await office.GetByRole(AriaRole.Row).Filter(new() { HasText = "单位" }).Filter(new() { HasText = "示范市卫生健康委员会" }).First
            .GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await office.GetByText("清单已提交审核").WaitForAsync();
        // 000's 代表帮查、专家助查、纪检监察机构协查 on the unit's list: the office invites the 行风监督员, who comments, as does the agency
        var listUrl = office.Url;
        await office.GetByRole(AriaRole.Button, new() { Name = "邀请" }).ClickAsync();
        foreach (var (user, opinion) in new[] { ("demo.helper", "建议公开医疗机构执业许可办理时限"), ("demo.agency", "结合查办案件情况，无补充") })
        {
            var helper = await LoginAsync(user);
            await helper.GotoAsync(listUrl);
            await helper.GetByLabel("帮查意见（仅供审核人参考，不作决定）").FillAsync(opinion);
            await helper.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
            await helper.GetByText(opinion).First.WaitForAsync();
            await helper.Context.CloseAsync();
        }
        await office.ReloadAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await office.GetByText("已审核通过并签字").WaitForAsync();
        foreach (var user in new[] { "demo.principal", "demo.agency" })
        {
            var reviewer = await LoginAsync(user);
            await Menu(reviewer, "我的待办").ClickAsync();
            await reviewer.GetByRole(AriaRole.Row).Filter(new() { HasText = "单位清单" }).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
            foreach (var item in await reviewer.Locator("#five-items input[type=checkbox]").AllAsync()) await item.CheckAsync(); // the agency's 逐一审核
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
            await reviewer.GetByText("已审核通过并签字").WaitForAsync();
            await reviewer.Context.CloseAsync();
        }

        var agency = await LoginAsync("demo.agency");
        await Menu(agency, "预警").ClickAsync();
        await agency.GetByText("医疗机构执业许可审批中降低标准、吃拿卡要").First.WaitForAsync();
        await agency.ScreenshotAsync(new() { Path = Shot("30-warnings.png"), FullPage = true });

        await Menu(agency, "监督检查").ClickAsync();
        await agency.GetByRole(AriaRole.Link, new() { Name = "开展检查" }).ClickAsync();
        await agency.GetByLabel("被检查单位").SelectOptionAsync(new SelectOptionValue { Label = "示范市卫生健康委员会" });
        await agency.GetByText("医疗机构执业许可审批中降低标准、吃拿卡要").WaitForAsync();
        await agency.GetByLabel("检查方式").SelectOptionAsync(new SelectOptionValue { Label = "书面问询" });
        await agency.GetByLabel("问询函内容 / 监督方案 / 检查事项").FillAsync("请书面说明执业许可审批中“审批结果公示”的执行情况，并附近三个月公示截图。");
        await agency.GetByLabel("医疗机构执业许可审批中降低标准、吃拿卡要", new() { Exact = false }).CheckAsync();
        await agency.ScreenshotAsync(new() { Path = Shot("31-new-inspection.png"), FullPage = true });
        await agency.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await agency.GetByText("检查已登记").WaitForAsync();
        var inspectionUrl = agency.Url;

        await office.GotoAsync(inspectionUrl);
        await office.GetByLabel("书面回复").FillAsync("审批结果均在政务网公示，近三个月 42 件，截图附后。");
        await office.GetByRole(AriaRole.Button, new() { Name = "提交书面回复" }).ClickAsync();
        await office.GetByText("书面回复已登记").WaitForAsync();

        await agency.ReloadAsync();
        await agency.GetByLabel("问题描述").FillAsync("有 3 件审批结果超过 7 日才公示");
        await agency.GetByLabel("涉及风险点").SelectOptionAsync(new SelectOptionValue { Label = "医疗机构执业许可审批中降低标准、吃拿卡要" });
        await agency.GetByLabel("整改责任单位").SelectOptionAsync(new SelectOptionValue { Label = "示范市卫生健康委员会" });
        await agency.GetByLabel("整改责任人").SelectOptionAsync(new SelectOptionValue { Label = "周丽（办公室）" });
        await agency.GetByLabel("整改要求").FillAsync("审批结果 2 个工作日内公示并建立台账");
        await agency.GetByRole(AriaRole.Button, new() { Name = "登记问题" }).ClickAsync();
        await agency.GetByText("整改已下达").WaitForAsync();
        await agency.ScreenshotAsync(new() { Path = Shot("32-inspection-finding.png"), FullPage = true });
        await agency.GetByRole(AriaRole.Link, new() { Name = "审批结果 2 个工作日内公示并建立台账" }).ClickAsync();
        var rectificationUrl = agency.Url;

        var evidence = Path.Combine(Path.GetTempPath(), $"公示台账-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(evidence, "%PDF-1.4\n% 公示台账\n"u8.ToArray());
        await office.GotoAsync(rectificationUrl);
        await office.GetByLabel("上传佐证材料", new() { Exact = false }).SetInputFilesAsync(evidence);
        await office.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await office.GetByText("已上传").WaitForAsync();
        await office.GetByLabel("整改情况说明").FillAsync("已修订审批公示流程，建立公示台账。");
        await office.GetByRole(AriaRole.Button, new() { Name = "报送验收" }).ClickAsync();
        await office.GetByText("等待验收").WaitForAsync();
        File.Delete(evidence);

        await agency.ReloadAsync();
        await agency.GetByLabel("验收意见").FillAsync("台账完整，整改到位");
        await agency.GetByRole(AriaRole.Button, new() { Name = "验收通过" }).ClickAsync();
        await agency.GetByText("整改已验收").WaitForAsync();
        Assert.Contains("已验收", await agency.Locator("main").InnerTextAsync());
        await agency.ScreenshotAsync(new() { Path = Shot("33-rectification-verified.png"), FullPage = true });
    }
}
