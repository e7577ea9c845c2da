using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

public sealed class DashboardJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("demo.commission", "60-dashboard-commission.png")]
    [InlineData("demo.partyoffice", "61-dashboard-unit.png")]
    public async Task The_dashboard_draws_its_charts_from_the_demo_data(string user, string shot)
    {
        var page = await f.LoginAsync(user);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} {m.Location}"); };
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "驾驶舱" }).ClickAsync();
        foreach (var chart in new[] { "#chart-progress", "#chart-heat", "#chart-warnings" })
        {
            await page.Locator($"{chart}[data-rendered='true'] canvas").First.WaitForAsync();
            Assert.True(await page.Locator($"{chart} canvas").First.BoundingBoxAsync() is { Width: > 100, Height: > 100 });
        }
        Assert.Contains("风险点", await page.Locator("main").InnerTextAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors)); // nothing refused by the CSP, no script errors
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, shot), FullPage = true });
    }
}
