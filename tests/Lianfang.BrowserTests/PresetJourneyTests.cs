using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

/// <summary>
/// 王芳's list under each regime, walked on the pages by the people its seed names, from opening the campaign to
/// 已审定 with a 审定 level other than her 自评; every signature of the history then holds. (000 is ReviewJourneyTests,
/// 001's department list HealthSelfCheckJourneyTests.)
/// </summary>
public sealed class PresetJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    // One signed-in page per account: logins are rate-limited per address.
    private readonly Dictionary<string, IPage> _sessions = [];

    private async Task<IPage> AsAsync(string user)
    {
        if (_sessions.TryGetValue(user, out var page)) return page;
        page = await f.LoginAsync(user);
        page.Dialog += (_, d) => d.AcceptAsync();
        return _sessions[user] = page;
    }

    private async Task<string> OpenCampaignAsync(string name, string scheme)
    {
        var office = await AsAsync("demo.partyoffice");
        await office.GetByRole(AriaRole.Link, new() { Name = "风险排查" }).ClickAsync();
        await office.GetByRole(AriaRole.Link, new() { Name = "开展排查" }).ClickAsync();
        await office.GetByLabel("排查名称").FillAsync(name);
        await office.GetByLabel("年度").FillAsync("2027");
        await office.GetByLabel("方案").SelectOptionAsync(new SelectOptionValue { Value = scheme });
        await office.GetByLabel("排查范围（机构及其下级）").SelectOptionAsync(new SelectOptionValue { Label = "示范市卫生健康委员会" });
        await office.GetByRole(AriaRole.Button, new() { Name = "生成清单" }).ClickAsync();
        await office.GetByText("清单已生成").WaitForAsync();
        return office.Url;
    }

    /// <summary>The user opens 王芳's list of the campaign from 我的待办, where it waits for them.</summary>
    private async Task<IPage> FromInboxAsync(string user, string campaign, string task)
    {
        var page = await AsAsync(user);
        await page.GetByRole(AriaRole.Link, new() { Name = "我的待办" }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = campaign }).Filter(new() { HasText = "王芳" }).Filter(new() { HasText = task })
            .GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        return page;
    }

    private async Task WriteAndSubmitAsync(string campaign, string category, string level)
    {
        var staff = await FromInboxAsync("demo.staff", campaign, "填写并提交本人清单");
        await staff.GetByLabel("风险类别").SelectOptionAsync(new SelectOptionValue { Label = category });
        await staff.GetByLabel("廉政风险点描述").FillAsync("报销票据审核不严，虚列支出");
        await staff.GetByLabel("风险等级（自评）").SelectOptionAsync(new SelectOptionValue { Label = level });
        await staff.GetByLabel("防控措施（每行一条，可带 1．2． 编号）").FillAsync("1．票据双人复核\n2．每月抽查");
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存风险点" }).ClickAsync();
        await staff.GetByText("已保存第 1 条风险点").WaitForAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await staff.GetByText("清单已提交审核").WaitForAsync();
    }

    /// <summary>Approves the stage (setting the 审定 level where it is the 审定 stage) and returns the page.</summary>
    private async Task<IPage> ApproveAsync(string user, string campaign, string stage, string? approvedLevel = null)
    {
        var page = await FromInboxAsync(user, campaign, $"审核：{stage}");
        await page.GetByText($"当前环节：{stage}").WaitForAsync();
        if (approvedLevel is not null)
        {
            await page.GetByLabel("第 1 条审定等级").SelectOptionAsync(new SelectOptionValue { Label = approvedLevel });
            await page.GetByLabel("第 1 条审定理由").FillAsync("涉及资金支付，按危害程度调整");
        }
        await page.GetByLabel("审核意见").FillAsync("同意");
        await page.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await page.GetByText("已审核通过并签字").WaitForAsync();
        return page;
    }

    /// <summary>The party office invites the 帮查 account, which comments; then the organiser may close the stage.</summary>
    private async Task HearHelperAsync(string campaign, string stage)
    {
        var office = await FromInboxAsync("demo.partyoffice", campaign, $"审核：{stage}");
        await office.GetByLabel("邀请帮查人员（代表帮查、专家助查）提出意见").SelectOptionAsync(new SelectOptionValue { Value = "demo.helper" });
        await office.GetByRole(AriaRole.Button, new() { Name = "邀请" }).ClickAsync();
        await office.GetByText("已邀请帮查人员提出意见").WaitForAsync();
        var helper = await FromInboxAsync("demo.helper", campaign, "帮查：请提出意见");
        await helper.GetByLabel("帮查意见（仅供审核人参考，不作决定）").FillAsync("建议公开报销审核结果");
        await helper.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
        await helper.GetByText("意见已记录").WaitForAsync();
    }

    /// <summary>Every signature on the list's page holds; the last is valid, the earlier ones amended by the signed 审定.</summary>
    private static async Task AssertSignaturesHoldAsync(IPage page, string screenshot)
    {
        await page.ReloadAsync();
        await page.GetByText("内容与最后一次签字一致").WaitForAsync();
        var statuses = await page.Locator("[data-signature-status]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.signatureStatus)");
        Assert.True(statuses.Length >= 2);
        Assert.All(statuses, s => Assert.Contains(s, new[] { "valid", "amended" }));
        Assert.Equal("valid", statuses[^1]);
        Assert.Contains("amended", statuses);
        await page.Locator(".badge").Filter(new() { HasText = "已审定" }).First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Shot(screenshot), FullPage = true });
    }

    [Fact]
    public async Task Sanjiang_a_post_form_is_rated_by_its_holder_and_approved_by_the_unit_head_with_its_own_level()
    {
        const string c = "2027年度三江岗位登记";
        await OpenCampaignAsync(c, "sanjiang-2019");
        await WriteAndSubmitAsync(c, "职责履行风险", "三级");
        await AssertSignaturesHoldAsync(await ApproveAsync("demo.principal", c, "单位负责人审核", "二级"), "60-sanjiang-approved.png");
    }

    [Fact]
    public async Task Longsheng_a_personal_list_passes_colleague_head_office_holder_group_meeting_and_the_leadership()
    {
        const string c = "2027年度龙胜个人查找";
        await OpenCampaignAsync(c, "longsheng-2012");
        await WriteAndSubmitAsync(c, "岗位职责风险", "三级");
        await ApproveAsync("demo.depthead", c, "科室其他人员帮查"); // 赵强, a colleague of 财务处
        await ApproveAsync("demo.depthead", c, "科室领导审核");
        await ApproveAsync("demo.partyoffice", c, "领导小组办公室审核");
        await ApproveAsync("demo.staff", c, "返回本人确认填表");
        var group = await FromInboxAsync("demo.principal", c, "审核：领导小组审核");
        await group.GetByText("领导小组会议出席人员").WaitForAsync();
        Assert.Equal(3, await group.Locator("input[name=attendees]:checked").CountAsync()); // 陈刚、孙伟、赵强
        await group.ScreenshotAsync(new() { Path = Shot("61-leading-group-meeting.png"), FullPage = true });
        await group.GetByLabel("审核意见").FillAsync("领导小组会议研究同意");
        await group.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await group.GetByText("已审核通过并签字").WaitForAsync();
        await AssertSignaturesHoldAsync(await ApproveAsync("demo.principal", c, "领导班子审核确定", "二级"), "62-longsheng-approved.png");
    }

    [Fact]
    public async Task Lianyun_a_personal_list_is_cross_checked_by_the_paired_department_heard_by_the_public_and_confirmed_by_the_group()
    {
        const string c = "2027年度连云个人自查";
        var campaign = await OpenCampaignAsync(c, "lianyun-finance");
        // the party office pairs 财务处 with 医政医管处 for 交叉互查
        var office = await AsAsync("demo.partyoffice");
        await office.GotoAsync(campaign);
        await office.GetByText("交叉互查结对").ClickAsync();
        await office.GetByLabel("财务处 的互查部门").SelectOptionAsync(new SelectOptionValue { Label = "医政医管处" });
        await office.GetByRole(AriaRole.Button, new() { Name = "保存结对" }).ClickAsync();
        await office.GetByText("交叉互查结对已保存").WaitForAsync();

        await WriteAndSubmitAsync(c, "岗位职责", "三级");
        await ApproveAsync("demo.depthead", c, "单位检查");
        await ApproveAsync("demo.depthead2", c, "交叉互查"); // 刘洋, head of 医政医管处
        await HearHelperAsync(c, "群众评议");
        await ApproveAsync("demo.partyoffice", c, "群众评议");
        var group = await FromInboxAsync("demo.principal", c, "审核：领导小组确认");
        await group.GetByLabel("第 1 条审定等级").SelectOptionAsync(new SelectOptionValue { Label = "一级" });
        await group.GetByLabel("第 1 条审定理由").FillAsync("涉及资金支付，按危害程度调整");
        await group.GetByLabel("审核意见").FillAsync("领导小组会议最后确认");
        await group.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await group.GetByText("已审核通过并签字").WaitForAsync();
        await AssertSignaturesHoldAsync(group, "63-lianyun-approved.png");
    }

    [Fact]
    public async Task Shaoxing_health_a_department_list_is_heard_by_helpers_and_the_agency_and_approved_by_the_party_committee()
    {
        const string c = "2027年度卫计委排查";
        var campaign = await OpenCampaignAsync(c, "shaoxing-health-2018");
        var head = await AsAsync("demo.depthead");
        await head.GotoAsync(campaign);
        await head.GetByRole(AriaRole.Row).Filter(new() { HasText = "财务处" }).Filter(new() { HasText = "处室/科室" }).GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        var list = head.Url;
        await head.GetByLabel("风险类别").SelectOptionAsync(new SelectOptionValue { Label = "权力运行廉洁风险" });
        await head.GetByLabel("廉政风险点描述").FillAsync("资金拨付审核把关不严");
        await head.GetByLabel("风险等级（自评）").SelectOptionAsync(new SelectOptionValue { Label = "一般" });
        await head.GetByLabel("防控措施（每行一条，可带 1．2． 编号）").FillAsync("1．拨付双人审核");
        await head.GetByLabel("责任人员（用“、”分隔）").FillAsync("赵强");
        await head.GetByRole(AriaRole.Button, new() { Name = "保存风险点" }).ClickAsync();
        await head.GetByText("已保存第 1 条风险点").WaitForAsync();
        // ResponsibleLeader: the row names no 责任领导, so it is not yet submitted, and says why
        await head.GetByRole(AriaRole.Button, new() { Name = "逐条签字（待我签 1 条）" }).ClickAsync();
        await head.GetByText("已对 1 条风险点签字").WaitForAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await head.GetByText("第 1 条未写明责任领导").WaitForAsync();
        await head.GetByRole(AriaRole.Link, new() { Name = "修改" }).First.ClickAsync();
        await head.GetByLabel("责任领导").FillAsync("孙伟");
        await head.GetByRole(AriaRole.Button, new() { Name = "保存风险点" }).ClickAsync();
        await head.GetByText("已保存第 1 条风险点").WaitForAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "逐条签字（待我签 1 条）" }).ClickAsync(); // the changed row is signed again
        await head.GetByText("已对 1 条风险点签字").WaitForAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await head.GetByText("清单已提交审核").WaitForAsync();
        await head.GetByLabel("审核意见").FillAsync("审签");
        await head.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await head.GetByText("已审核通过并签字").WaitForAsync();

        async Task<IPage> At(string user) { var p = await AsAsync(user); await p.GotoAsync(list); return p; }
        var leader = await At("demo.leader");
        await leader.GetByLabel("审核意见").FillAsync("同意");
        await leader.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await leader.GetByText("已审核通过并签字").WaitForAsync();
        var office = await At("demo.partyoffice");
        await office.GetByLabel("邀请帮查人员（代表帮查、专家助查）提出意见").SelectOptionAsync(new SelectOptionValue { Value = "demo.helper" });
        await office.GetByRole(AriaRole.Button, new() { Name = "邀请" }).ClickAsync();
        await office.GetByText("已邀请帮查人员提出意见").WaitForAsync();
        foreach (var (user, text) in new[] { ("demo.helper", "建议拨付前公示"), ("demo.agency", "结合查办案件情况，无补充") })
        {
            var p = await At(user);
            await p.GetByRole(AriaRole.Textbox).Last.FillAsync(text);
            await p.GetByRole(AriaRole.Button, new() { Name = "提交意见" }).ClickAsync();
            await p.GetByText("意见已记录").WaitForAsync();
        }
        await office.ReloadAsync();
        await office.GetByLabel("审核意见").FillAsync("已根据帮查、助查意见修订");
        await office.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await office.GetByText("已审核通过并签字").WaitForAsync();
        var committee = await At("demo.principal");
        await committee.GetByLabel("第 1 条审定等级").SelectOptionAsync(new SelectOptionValue { Label = "重要" });
        await committee.GetByLabel("第 1 条审定理由").FillAsync("资金拨付自由裁量权较大");
        await committee.GetByLabel("审核意见").FillAsync("委党委审定");
        await committee.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
        await committee.GetByText("已审核通过并签字").WaitForAsync();
        await AssertSignaturesHoldAsync(committee, "64-health-approved.png");
    }
}
