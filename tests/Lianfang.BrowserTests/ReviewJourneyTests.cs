using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class ReviewJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    /// <summary>Opens the list from the user's 待办 and takes the action its button names (confirm dialogs accepted).</summary>
    private async Task<IPage> FromInboxAsync(string userName)
    {
        var page = await f.LoginAsync(userName);
        page.Dialog += (_, d) => d.AcceptAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "我的待办" }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "王芳" }).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task A_personal_list_passes_four_signed_stages_is_published_and_the_public_sends_feedback()
    {
        var staff = await FromInboxAsync("demo.staff");
        await staff.GetByLabel("提交说明（可选）").FillAsync("已对照岗位职责自查");
        await staff.GetByRole(AriaRole.Button, new() { Name = "签字并提交审核" }).ClickAsync();
        await staff.GetByText("清单已提交审核").WaitForAsync();
        var listUrl = staff.Url;

        var reviewers = new[] { ("demo.depthead", "处室负责人把关"), ("demo.leader", "分管领导把关"), ("demo.principal", "主要领导把关"), ("demo.agency", "派驻机构审核") };
        for (var i = 0; i < reviewers.Length; i++)
        {
            var (user, stage) = reviewers[i];
            var page = await FromInboxAsync(user);
            await page.GetByText($"当前环节：{stage}").WaitForAsync();
            await page.GetByLabel("审核意见").FillAsync("同意");
            if (i == 0) await page.ScreenshotAsync(new() { Path = Shot("50-review-stage.png"), FullPage = true });
            if (stage == "主要领导把关")
            {
                // 审定: the principal rates the first point otherwise than its holder did, with a reason, signed with the approval
                var level = page.GetByLabel("第 1 条审定等级");
                await level.SelectOptionAsync(await level.InputValueAsync() == "important" ? "general" : "important");
                await page.GetByLabel("第 1 条审定理由").FillAsync("经班子研究，按信访反映情况调整");
                await page.ScreenshotAsync(new() { Path = Shot("50b-approve-levels.png"), FullPage = true });
            }
            if (stage == "派驻机构审核")
            {
                // the agency checks the five items one by one (RequiredItems): refused until each is confirmed
                await page.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
                await page.GetByText("尚未确认：廉洁风险点、防控措施、监督检查路径、风险等级、相关责任人").WaitForAsync();
                foreach (var item in new[] { "廉洁风险点", "防控措施", "监督检查路径", "风险等级", "相关责任人" })
                    await page.GetByLabel($"{item}已审核").CheckAsync();
                await page.GetByLabel("审核意见").FillAsync("五项内容逐一审核，同意");
                await page.ScreenshotAsync(new() { Path = Shot("50c-agency-five-items.png"), FullPage = true });
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "通过并签字" }).ClickAsync();
            await page.GetByText("已审核通过并签字").WaitForAsync();
            await page.Context.CloseAsync();
        }

        var office = await f.LoginAsync("demo.partyoffice");
        office.Dialog += (_, d) => d.AcceptAsync();
        await office.GotoAsync(listUrl);
        var history = office.Locator(".card table").Last;
        Assert.Equal(5, await history.Locator("tbody tr").CountAsync());
        Assert.Equal(4, await history.Locator("tbody tr").Filter(new() { HasText = "通过" }).CountAsync());
        await office.GetByText("内容与最后一次签字一致").WaitForAsync();
        // the writer's and the first two reviewers' signatures hold for what they signed, amended since by the signed 审定
        Assert.Equal(["amended", "amended", "amended", "valid", "valid"], await history.Locator("[data-signature-status]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.signatureStatus)"));
        Assert.Contains("审定：第 1 条", await history.InnerTextAsync());
        var firstCode = await history.Locator("tbody tr").First.Locator("a code").InnerTextAsync();
        var check = await (await f.Browser.NewContextAsync(new() { Locale = "zh-CN" })).NewPageAsync();
        await check.GotoAsync($"{f.BaseUrl}/Verify?code={firstCode}");
        await check.GetByText("其后的修改均由后续环节签字确认").WaitForAsync();
        Assert.Contains("主要领导把关", await check.Locator("main").InnerTextAsync());
        await check.ScreenshotAsync(new() { Path = Shot("51a-verify-amended.png"), FullPage = true });
        await office.GetByRole(AriaRole.Button, new() { Name = "公示" }).ClickAsync();
        await office.GetByText("清单已公示").WaitForAsync();
        await office.ScreenshotAsync(new() { Path = Shot("51-approved-published.png"), FullPage = true });

        await office.GetByRole(AriaRole.Link, new() { Name = "打印桌卡" }).ClickAsync();
        var card = office.Locator("article.lf-desk-card");
        await card.Filter(new() { HasText = "王芳" }).WaitForAsync();
        Assert.Contains("报销审核把关不严", await card.InnerTextAsync());
        await office.ScreenshotAsync(new() { Path = Shot("52-desk-card.png"), FullPage = true });
        await office.EmulateMediaAsync(new() { Media = Media.Print });
        await office.PdfAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "52-desk-card.pdf"), PreferCSSPageSize = true });
        await office.EmulateMediaAsync(new() { Media = Media.Screen });

        // the public: no login, the unit's page, then the feedback form
        await office.GotoAsync(listUrl);
        var unitHref = await office.GetByRole(AriaRole.Link, new() { Name = "公开页面" }).GetAttributeAsync("href");
        var anon = await (await f.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 800 } })).NewPageAsync();
        await anon.GotoAsync(f.BaseUrl + unitHref);
        await anon.GetByText("廉政风险防控公示").First.WaitForAsync();
        Assert.Contains("报销审核把关不严", await anon.Locator("main").InnerTextAsync());
        await anon.ScreenshotAsync(new() { Path = Shot("53-public-unit.png"), FullPage = true });
        await anon.GetByRole(AriaRole.Link, new() { Name = "反映问题" }).First.ClickAsync();
        await anon.GetByLabel("反映内容").FillAsync("报销时有人要求先送购物卡才给签字");
        await anon.GetByLabel("联系方式（可不填）").FillAsync("13900000000");
        await anon.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await anon.GetByText("已收到您的反映").WaitForAsync();
        await anon.ScreenshotAsync(new() { Path = Shot("54-feedback-received.png"), FullPage = true });

        await office.GetByRole(AriaRole.Link, new() { Name = "信访举报" }).ClickAsync();
        await office.GetByText("报销时有人要求先送购物卡才给签字").WaitForAsync();
        await office.ScreenshotAsync(new() { Path = Shot("55-complaints.png"), FullPage = true });

        // the holder reopens the list (a new revision): it leaves the public page until approved and published again
        var holder = await f.LoginAsync("demo.staff");
        holder.Dialog += (_, d) => d.AcceptAsync();
        await holder.GotoAsync(listUrl);
        await holder.GetByLabel("重新打开的原因").FillAsync("岗位职责调整");
        await holder.GetByRole(AriaRole.Button, new() { Name = "重新打开" }).ClickAsync();
        await holder.GetByText("清单已重新打开").WaitForAsync();
        Assert.Equal(404, (await anon.GotoAsync(f.BaseUrl + unitHref))!.Status);
    }
}
