using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// Each journey class gets an app and demo data of its own (journeys change the demo lists), one journey at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Lianfang.BrowserTests;

/// <summary>The app with its demo data on a real port (SQLite), and Debian's Chromium driven by Playwright; one per journey class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"lianfang-browser-{Guid.NewGuid():N}.db");
    private App? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The app's services, for a journey that needs more data than the demo has (e.g. to page through).</summary>
    public IServiceProvider Services => _app!.Services;
    /// <summary>The demo's campaign, named by the app's current year (its TimeProvider).</summary>
    public string CampaignName => Lianfang.Web.Infrastructure.DemoData.CampaignName(Services.GetRequiredService<TimeProvider>());
    public string BaseUrl { get; private set; } = "";

    /// <summary>Screenshots land here for people to look at (the repo's artifacts/ folder, not committed).</summary>
    public static string ScreenshotDir
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "Lianfang.slnx"))) dir = Path.GetDirectoryName(dir);
            var path = Path.Combine(dir ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        _app = new App(_db);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> LoginAsync(string userName, string password = "Lianfang-demo-2026")
    {
        var page = await AnonymousAsync();
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // the first sign-in of a class meets a cold app (two classes start theirs at once on two cores): more than 30 s is possible
        await page.WaitForURLAsync(BaseUrl + "/", new() { Timeout = 90_000 });
        return page;
    }

    /// <summary>A browser tab of nobody signed in (the public pages).</summary>
    public async Task<IPage> AnonymousAsync()
    {
        var context = await Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 800 } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        _app?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) File.Delete(f);
    }

    private sealed class App(string db) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={db}");
            builder.UseSetting("LIANFANG_ADMIN_PASSWORD", "Admin-browser-2026");
            builder.UseSetting("LIANFANG_SECURITY_ADMIN_PASSWORD", "Admin-browser-2026");
            builder.UseSetting("LIANFANG_AUDITOR_PASSWORD", "Admin-browser-2026");
            builder.UseSetting("Lianfang:Security:MfaRequiredFor", ""); // the journeys sign in by password; TwoFactorJourneyTests signs in with TOTP
            builder.UseSetting("Lianfang:Security:Password:ChangeInitial", "false"); // accounts made by tests sign in with the password they were given
            builder.UseSetting("Lianfang:Demo", "true");
            builder.UseSetting("Logging:Console:LogLevel:Default", "Error"); // the run's report shows the journeys and the app's errors, not its every request
            // A journey signs in as a dozen demo accounts from this one address; people each sign in from their own.
            builder.UseSetting("Lianfang:LoginPerMinute", "120");
        }
    }
}

