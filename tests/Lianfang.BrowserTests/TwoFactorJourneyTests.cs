using Lianfang.Core.Access;
using Lianfang.Web.Data;
using Lianfang.Web.Features.Account;
using Lianfang.Web.Infrastructure;
using Lianfang.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianfang.BrowserTests;

/// <summary>A user scans the 安全设置 QR code (the key beside it here), enables two-step sign-in and signs in with the code.</summary>
public sealed class TwoFactorJourneyTests(BrowserFixture f) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_user_enables_totp_in_the_browser_and_then_signs_in_with_the_code()
    {
        using (var scope = f.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var health = await db.OrgUnits.SingleAsync(u => u.Name == "示范市卫生健康委员会");
            var user = new AppUser { UserName = "totp.clerk", DisplayName = "动态码用户", CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().UtcNow() };
            user.Grants.Add(new UserGrant { Role = Role.Staff, OrgUnitId = health.Id });
            CreateUser.Check(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, DemoData.Password));
        }
        var page = await f.LoginAsync("totp.clerk");
        await page.GotoAsync(f.BaseUrl + "/Account/Manage");
        await page.Locator("#totp-qr svg").WaitForAsync();
        var key = (await page.Locator("code").First.InnerTextAsync()).Replace(" ", "");
        await page.GetByLabel("动态码").FillAsync(Lianfang.Web.Tests.Infrastructure.Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "启用" }).ClickAsync();
        await page.GetByText("两步验证已启用").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "07-totp-enabled.png") });

        var again = await f.AnonymousAsync();
        await again.GotoAsync(f.BaseUrl + "/Account/Login");
        await again.GetByLabel("用户名").FillAsync("totp.clerk");
        await again.GetByLabel("密码").FillAsync(DemoData.Password);
        await again.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await again.GetByRole(AriaRole.Heading, new() { Name = "两步验证" }).WaitForAsync();
        await again.GetByLabel("动态码").FillAsync(Lianfang.Web.Tests.Infrastructure.Totp.Code(key));
        await again.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }).ClickAsync();
        await again.WaitForURLAsync(f.BaseUrl + "/");
        Assert.Contains("totp.clerk", await again.Locator("header").InnerTextAsync());
    }
}
