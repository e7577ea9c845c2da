using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

/// <summary>001 on the page: a post's 岗位自查, gathered by its department, signed row by row by the holder, then 审签.</summary>
public sealed class HealthSelfCheckJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    [Fact]
    public async Task A_post_checks_itself_the_department_gathers_it_and_the_holder_signs_the_row_before_the_head_submits()
    {
        var office = await f.LoginAsync("demo.partyoffice");
        await office.GetByRole(AriaRole.Link, new() { Name = "风险排查" }).ClickAsync();
        await office.GetByRole(AriaRole.Link, new() { Name = "开展排查" }).ClickAsync();
        await office.GetByLabel("排查名称").FillAsync("2027年度卫计委岗位自查");
        await office.GetByLabel("年度").FillAsync("2027");
        await office.GetByLabel("方案").SelectOptionAsync(new SelectOptionValue { Value = "shaoxing-health-2018" });
        await office.GetByLabel("排查范围（机构及其下级）").SelectOptionAsync(new SelectOptionValue { Label = "示范市卫生健康委员会" });
        await office.GetByRole(AriaRole.Button, new() { Name = "生成清单" }).ClickAsync();
        await office.GetByText("清单已生成").WaitForAsync();
        var campaignUrl = office.Url;

        // 王芳 finds her 岗位自查 in 我的待办, writes it and signs it
        var staff = await f.LoginAsync("demo.staff");
        staff.Dialog += (_, d) => d.AcceptAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "我的待办" }).ClickAsync();
        await staff.GetByRole(AriaRole.Row).Filter(new() { HasText = "2027年度卫计委岗位自查" }).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await staff.GetByLabel("风险类别").SelectOptionAsync(new SelectOptionValue { Label = "岗位廉洁风险" });
        await staff.GetByLabel("廉政风险点描述").FillAsync("报销票据审核不严，虚列支出");
        await staff.GetByLabel("风险等级（自评）").SelectOptionAsync(new SelectOptionValue { Label = "一般" });
        await staff.GetByLabel("防控措施（每行一条，可带 1．2． 编号）").FillAsync("1．票据双人复核\n2．每月抽查");
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存风险点" }).ClickAsync();
        await staff.GetByText("已保存第 1 条风险点").WaitForAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await staff.GetByText("清单已提交审核").WaitForAsync();
        await staff.Locator(".badge").Filter(new() { HasText = "已审定" }).First.WaitForAsync(); // the holder's own check stands on its signature

        // 赵强 gathers his department's self-checks into 财务处's list
        var head = await f.LoginAsync("demo.depthead");
        head.Dialog += (_, d) => d.AcceptAsync();
        await head.GotoAsync(campaignUrl);
        await head.GetByRole(AriaRole.Row).Filter(new() { HasText = "财务处" }).Filter(new() { HasText = "处室/科室" }).GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        var listUrl = head.Url;
        await head.GetByRole(AriaRole.Button, new() { Name = "汇总岗位自查" }).ClickAsync();
        await head.GetByText("已汇总 1 条岗位自查风险点").WaitForAsync();
        await head.GetByText("待签字").First.WaitForAsync();
        await head.ScreenshotAsync(new() { Path = Shot("56-gathered-awaiting-signatures.png"), FullPage = true });

        // 王芳 is asked to sign her row, and signs it
        await staff.GetByRole(AriaRole.Link, new() { Name = "我的待办" }).ClickAsync();
        await staff.GetByRole(AriaRole.Row).Filter(new() { HasText = "逐条签字：1 条待您签字" }).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "逐条签字（待我签 1 条）" }).ClickAsync();
        await staff.GetByText("已对 1 条风险点签字").WaitForAsync();

        await head.GotoAsync(listUrl);
        await head.GetByText("各条均已签字").WaitForAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await head.GetByText("清单已提交审核").WaitForAsync();
        await head.GetByText("当前环节：处室（单位）排查·主要负责人审签").WaitForAsync();
        await head.ScreenshotAsync(new() { Path = Shot("57-rows-signed-submitted.png"), FullPage = true });
    }
}
