using System.Text.RegularExpressions;
using Lianfang.Core.Access;
using Lianfang.Core.Register;
using Lianfang.Core.Supervision;
using Lianfang.Web.Data;
using Lianfang.Web.Features.Account;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Infrastructure;
using Lianfang.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

/// <summary>Every paged page, paged to its last page by clicking 下一页, as a user would: each page shows its own rows.</summary>
public sealed partial class PagingJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Every_paged_page_goes_to_its_last_page()
    {
        var health = await SeedAsync();
        var pages = new (string User, string Url, string Name)[]
        {
            ("demo.partyoffice", "/Register", "风险登记簿"),
            ("demo.commission", "/Warnings", "预警"),
            ("demo.commission", "/Filings", "备案登记"),
            ("demo.commission", "/Supervision", "监督检查"),
            ("demo.commission", "/Supervision/Rectifications", "整改任务"),
            ("demo.partyoffice", "/Complaints", "信访举报"),
            ("demo.admin", "/Admin/Users", "账号"),
            ("demo.auditor", "/Audit", "审计日志"),
            ("", $"/public/units/{health}", "公开页"),
        };
        foreach (var (user, url, name) in pages)
        {
            var page = user == "" ? await f.AnonymousAsync() : await f.LoginAsync(user);
            await page.GotoAsync(f.BaseUrl + url);
            var pager = page.Locator("nav[aria-label=分页]");
            Assert.True(await pager.CountAsync() == 1, $"{name}: no pager, fewer rows than a page: {await page.Locator("body").InnerTextAsync()}");
            var total = int.Parse(TotalPattern().Match(await page.Locator("main").InnerTextAsync()).Groups[1].Value);
            var (current, pages2) = Position(await pager.Locator(".page-item.active").InnerTextAsync());
            Assert.Equal(1, current);
            if (name == "审计日志")
            {
                // 50 compact rows in Chinese, not 20,000 px of raw JSON
                var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
                Assert.True(height < 8000, $"审计日志: {height}px for one page");
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "81-audit-log.png"), FullPage = false });
            }
            var seen = new HashSet<string>();
            while (true)
            {
                var first = await FirstRowAsync(page, name);
                Assert.True(seen.Add(first), $"{name}: page {current} shows the rows of an earlier page ({first})");
                if (current == pages2) break;
                await pager.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
                await page.WaitForURLAsync(new Regex($"page={current + 1}"));
                (current, _) = Position(await page.Locator("nav[aria-label=分页] .page-item.active").InnerTextAsync());
            }
            Assert.True(pages2 >= 2, $"{name}: one page only");
            Assert.Contains("disabled", await page.Locator("nav[aria-label=分页] .page-item").Last.GetAttributeAsync("class") ?? "");
            if (name == "风险登记簿") await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "80-register-last-page.png"), FullPage = true });
            // past the end shows the last page, not an empty one
            await page.GotoAsync(f.BaseUrl + url + (url.Contains('?') ? "&" : "?") + "page=999");
            Assert.Equal((pages2, pages2), Position(await page.Locator("nav[aria-label=分页] .page-item.active").InnerTextAsync()));
            Assert.True(total > (pages2 - 1) * 20, $"{name}: {total} rows over {pages2} pages");
            await page.Context.CloseAsync();
        }
    }

    private static (int Page, int Pages) Position(string text)
    {
        var m = PositionPattern().Match(text);
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
    }

    /// <summary>The first row's text of the page's main table (the public page shows cards).</summary>
    private static async Task<string> FirstRowAsync(IPage page, string name)
    {
        var row = name == "公开页" ? page.Locator("main section h2").First : page.Locator("main table tbody tr").First;
        return (await row.InnerTextAsync()).Trim();
    }

    [GeneratedRegex(@"共\s*(\d+)\s*(条|份清单)")] private static partial Regex TotalPattern();
    [GeneratedRegex(@"(\d+)\s*/\s*(\d+)")] private static partial Regex PositionPattern();

    /// <summary>More of everything than one page holds, under 卫健委; returns its id.</summary>
    private async Task<int> SeedAsync()
    {
        using var scope = f.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var time = sp.GetRequiredService<TimeProvider>();
        var today = time.Today();
        var health = await db.OrgUnits.SingleAsync(u => u.Name == "示范市卫生健康委员会");
        var commission = await db.OrgUnits.SingleAsync(u => u.Name == DemoData.CommissionName);
        var officeUser = await db.Users.SingleAsync(u => u.UserName == "demo.partyoffice");
        var office = new AccessScope(officeUser.Id, officeUser.PersonId, [new ResolvedGrant(Role.PartyOffice, health.Id, health.Path, [])]);
        var register = sp.GetRequiredService<RegisterCommands>();

        // 风险登记簿 and 备案登记: 60 points on the unit's list, each filed
        var campaign = await db.Campaigns.SingleAsync(c => c.Name == f.CampaignName);
        var unitList = await db.RiskLists.SingleAsync(l => l.CampaignId == campaign.Id && l.Scope == Lianfang.Core.Schemes.ListScope.Unit && l.OrgUnitId == health.Id);
        for (var i = 1; i <= 60; i++)
            await register.AddPointAsync(office, unitList.Id, new RiskPointContent("decision", $"分页风险点{i:00}：重大事项未集体决策", null, "important", null, null, ["单位自查"],
                [new ControlMeasure("集体决策", "制度建设")], new SupervisionPath("议事规则", "决策程序", ["查阅资料"]), new Responsible("孙伟", null, []), ElementsChecked: true), default);
        var points = await db.RiskPoints.Where(p => p.ListId == unitList.Id).ToListAsync();
        db.Filings.AddRange(points.Select(p => new Lianfang.Core.Review.Filing(p.Id, unitList.Id, campaign.Id, health.Id, commission.Id, p.CategoryCode, p.LevelCode, p.Description, time.UtcNow())));

        // 预警, 监督检查, 整改任务, 信访举报: 60 each
        var now = time.UtcNow();
        var range = Enumerable.Range(1, 60).ToList();
        db.Warnings.AddRange(range.Select(i => new Warning(new Fired("paging-check", "Seed", i, health.Id, $"分页预警{i:00}", "周丽"), now.AddMinutes(-i))));
        db.Complaints.AddRange(range.Select(i => new Complaint(ComplaintSource.Petition, health.Id, null, null, $"分页信访{i:00}：反映报销问题", "群众", null, now)));
        var inspections = range.Select(i => new Inspection(InspectionType.SiteVisit, health.Id, null, today.AddDays(-i), officeUser.Id, officeUser.PersonId, "周丽",
            $"分页检查{i:00}", "已检查", planned: false, today, now)).ToList();
        db.Inspections.AddRange(inspections);
        await db.SaveChangesAsync();
        var findings = inspections.Select((x, i) => new Finding(x, $"分页问题{i + 1:00}", null, null, now)).ToList();
        db.Findings.AddRange(findings);
        await db.SaveChangesAsync();
        db.Rectifications.AddRange(findings.Select((x, i) => new Rectification(x, health.Id, "赵强", $"分页整改{i + 1:00}", today.AddDays(30), today)));
        await db.SaveChangesAsync();

        // 账号: 55 more accounts
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        for (var i = 1; i <= 55; i++)
        {
            var user = new AppUser { UserName = $"paging.{i:00}", DisplayName = $"分页账号{i:00}", CreatedAt = now };
            user.Grants.Add(new UserGrant { Role = Role.Staff, OrgUnitId = health.Id });
            CreateUser.Check(await users.CreateAsync(user, DemoData.Password));
        }

        // 公开页: two more campaigns triple the unit's lists, all published today
        for (var y = 1; y <= 2; y++)
            await register.OpenCampaignAsync(office, new OpenCampaignRequest($"{today.Year - y}年度补充排查", today.Year - y, "shaoxing-2018", health.Id, new DateOnly(today.Year - y, 12, 31), null), default);
        var lists = await db.RiskLists.Where(l => l.OrgUnit.Path.StartsWith(health.Path)).ToListAsync();
        Assert.True(lists.Count > 20, $"only {lists.Count} lists to publish");
        await db.RiskLists.Where(l => l.OrgUnit.Path.StartsWith(health.Path)).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, ListStatus.Published));
        db.Publications.AddRange(lists.Select(l => new Lianfang.Core.Review.Publication(l, today, today.AddDays(10), officeUser.Id, "党办", "seed", now)));
        await db.SaveChangesAsync();
        return health.Id;
    }
}
