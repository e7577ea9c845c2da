using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lianfang.Web.Tests.Features.Security;

/// <summary>
/// ASVS L2 essentials that the other tests do not already cover (lockout and TOTP live in Account/, one antiforgery
/// case and the login cookie flags in PagesTests): password length, session lifetimes, the Secure flag over HTTPS,
/// antiforgery on every page form, stored XSS through every free text, security headers on every response, rate limits,
/// and what reaches the logs.
/// </summary>
public abstract class AsvsTests(MatrixFixture f)
{
    /// <summary>Both classic payloads in one: a script element and an attribute break-out.</summary>
    public const string Xss = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";
    public const string XssShort = "\"><img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_password_shorter_than_12_characters_is_refused_with_a_chinese_message()
    {
        var res = await f.CreateUser(new { userName = $"pw{Guid.NewGuid():N}"[..12], password = "Short-pw-1", grants = Array.Empty<object>() })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("密码至少需要 12 个字符", res.GetRawText());
    }

    [Fact]
    public async Task Sessions_end_a_token_after_an_hour_and_a_cookie_after_30_idle_minutes()
    {
        var token = await f.Anonymous().Post("/api/v1/auth/token", new { userName = "admin", password = LianfangApp.AdminPassword }).Expect(HttpStatusCode.OK);
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt32());
        var cookie = f.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromMinutes(30), cookie.ExpireTimeSpan); // 等保: idle sessions end (SessionPolicyTests sees one end)
        Assert.True(cookie.SlidingExpiration);
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure_httponly_and_samesite_strict()
    {
        var client = f.App.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        // the antiforgery cookie the login form sets too (a scan found it without Secure)
        var form = await client.GetAsync("/Account/Login");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery."));
        foreach (var flag in new[] { "; secure", "; httponly", "samesite=strict" }) Assert.Contains(flag, antiforgery, StringComparison.OrdinalIgnoreCase);
        var page = new PageClient(client);
        var res = await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "admin", ["Input.Password"] = LianfangApp.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var auth = res.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lianfang="));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_page_form_refuses_a_post_without_the_antiforgery_token()
    {
        var m = await f.MatrixAsync();
        var page = await PageClient.LoginAsync(f, m.In.W.Users["commission"]);
        var ctx = new Ctx(f, "commission", m.In);
        // The error page also answers a failed post (re-executed by the status code pages) and changes nothing.
        var posts = AuthorizationMatrixTests.Table.Where(e => e.Key.StartsWith("PAGE POST ") && e.Key != "PAGE POST Error").ToList();
        Assert.True(posts.Count > 40, $"only {posts.Count} page forms");
        var accepted = new List<string>();
        foreach (var entry in posts)
        {
            var call = await entry.Request(ctx, m.Out); // the other commission's ids: even an accepted post would change nothing of ours
            var url = call.Url.Replace("?matrix-skip", "");
            HttpContent content = call.Upload is not null ? call.Upload() : new FormUrlEncodedContent(call.Form ?? []);
            var res = await page.Http.PostAsync(url, content);
            if (res.StatusCode != HttpStatusCode.BadRequest) accepted.Add($"{entry.Key}: {(int)res.StatusCode}");
        }
        Assert.True(accepted.Count == 0, "page forms that took a post without the antiforgery token:\n" + string.Join("\n", accepted));
        // The API takes bearer tokens only, so a browser's cookie cannot be ridden across sites.
        var cookieOnly = await page.Http.Post("/api/v1/org-units", new { name = "跨站伪造", kind = "Department", parentId = m.In.W.D1 });
        Assert.Equal(HttpStatusCode.Unauthorized, cookieOnly.StatusCode);
    }

    [Fact]
    public async Task Script_in_every_free_text_is_shown_as_text_on_every_page()
    {
        var w = await World.CreateAsync(f, "注入", XssShort); // names are at most 50 characters

        var ids = await MatrixWorld.FillAsync(f, w, Xss, Xss);
        var pages = AuthorizationMatrixTests.Table.Where(e => e.Key.StartsWith("PAGE GET ")).ToList();
        var raw = new List<string>();
        var seen = 0;
        foreach (var role in new[] { "staff", "party_office", "agency", "commission", "admin" })
        {
            var page = await PageClient.LoginAsync(f, w.Users[role]);
            var ctx = new Ctx(f, role, ids);
            foreach (var entry in pages)
            {
                var call = await entry.Request(ctx, ids);
                var res = await page.Http.GetAsync(call.Url);
                if (res.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var html = await res.Content.ReadAsStringAsync();
                if (html.Contains("alert(1)")) seen++; // the payload is on the page, encoded
                if (Injected(html)) raw.Add($"{entry.Key} as {role}");
            }
        }
        foreach (var url in new[] { $"/public/units/{w.U1}", $"/public/feedback?unit={w.U1}" })
        {
            var html = await (await f.Anonymous().GetAsync(url)).Content.ReadAsStringAsync();
            if (Injected(html)) raw.Add(url);
        }
        Assert.True(raw.Count == 0, "pages that render the payload as markup:\n" + string.Join("\n", raw));
        Assert.True(seen > 30, $"the payload showed on only {seen} pages: the test did not reach the texts");
    }

    /// <summary>The payload became markup: an element with an event handler, the img, or a script that runs it.</summary>
    private static bool Injected(string html)
    {
        if (Regex.IsMatch(html, @"<script>alert|<img src=x", RegexOptions.IgnoreCase)) return true;
        var doc = new HtmlParser().ParseDocument(html);
        return doc.All.Any(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            || doc.Scripts.Any(s => s.Type is null or "" or "text/javascript" && s.Text.Contains("alert(1)"));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var m = await f.MatrixAsync();
        var page = await PageClient.LoginAsync(f, m.In.W.Users["commission"]);
        var api = await f.As(m.In.W.Users["commission"]);
        var ctx = new Ctx(f, "commission", m.In);
        var missing = new List<string>();
        foreach (var entry in AuthorizationMatrixTests.Table.Where(e => e.Key.StartsWith("PAGE GET ") || e.Key.StartsWith("GET ")))
        {
            var call = await entry.Request(ctx, m.In);
            var res = await (entry.Key.StartsWith("PAGE") ? page.Http : api).GetAsync(call.Url);
            if (HeaderProblem(res) is { } p) missing.Add($"{entry.Key}: {p}");
        }
        foreach (var url in new[] { "/Account/Login", "/public/feedback?unit=1", "/Verify", "/no-such-page", "/lib/bootstrap/dist/css/bootstrap.min.css" })
            if (HeaderProblem(await f.Anonymous().GetAsync(url)) is { } p) missing.Add($"{url}: {p}");
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    public static string? HeaderProblem(HttpResponseMessage res)
    {
        string? One(string name) => res.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : null;
        var csp = One("Content-Security-Policy");
        if (csp is null || csp.Contains("unsafe-inline") || csp.Contains("unsafe-eval") || !csp.Contains("frame-ancestors 'none'")) return $"CSP {csp}";
        if (One("X-Frame-Options") != "DENY") return "X-Frame-Options";
        if (One("X-Content-Type-Options") != "nosniff") return "nosniff";
        if (One("Referrer-Policy") is not ("same-origin" or "no-referrer" or "strict-origin-when-cross-origin")) return "Referrer-Policy";
        return null;
    }
}

/// <summary>Rate limits and logs need an app of their own (limits lowered, logging at Debug).</summary>
public abstract class AsvsOwnAppTests(Db db)
{
    [Fact]
    public async Task Login_is_rate_limited_per_address_on_the_api_and_the_page()
    {
        using var app = new LianfangApp(db, new() { ["Lianfang:LoginPerMinute"] = "3" });
        var client = app.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            codes.Add((await client.Post("/api/v1/auth/token", new { userName = "nobody.here", password = "wrong-password-123" })).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], codes);
        var page = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task Passwords_tokens_and_integrity_file_entries_never_reach_the_logs()
    {
        using var app = new LianfangApp(db, new() { ["Test:CaptureDebugLogs"] = "true" });
        var admin = app.CreateClient();
        var token = (await admin.Post("/api/v1/auth/token", new { userName = "admin", password = LianfangApp.AdminPassword }).Expect(HttpStatusCode.OK))
            .GetProperty("accessToken").GetString()!;
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var unit = (await admin.Post("/api/v1/org-units", new { name = "日志委", kind = "Commission" }).Expect(HttpStatusCode.Created)).Id();
        var person = (await admin.Post("/api/v1/people", new { name = "日志人员", orgUnitId = unit }).Expect(HttpStatusCode.Created)).Id();
        const string password = "Log-secret-password-7781";
        var security = app.CreateClient();
        security.DefaultRequestHeaders.Authorization = new("Bearer", (await security.Post("/api/v1/auth/token", new { userName = "secadmin", password = LianfangApp.AdminPassword })
            .Expect(HttpStatusCode.OK)).GetProperty("accessToken").GetString()!);
        await Accounts.CreateAsync(admin, security, new { userName = "log.person", password, personId = person, grants = new[] { new { role = "staff", orgUnitId = unit } } })
            .Expect(HttpStatusCode.Created);
        var own = app.CreateClient();
        var ownToken = (await own.Post("/api/v1/auth/token", new { userName = "log.person", password }).Expect(HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;
        own.DefaultRequestHeaders.Authorization = new("Bearer", ownToken);
        const string secret = "配偶在日志测试公司任职年薪 4417321 元";
        await own.Post($"/api/v1/people/{person}/integrity-file/entries", new { type = "Income", content = secret }).Expect(HttpStatusCode.Created);
        await own.GetAsync($"/api/v1/people/{person}/integrity-file").Expect(HttpStatusCode.OK);
        await own.Post("/api/v1/auth/token", new { userName = "log.person", password = password + "x" }).Expect(HttpStatusCode.Unauthorized);
        var page = await LoginPageAsync(app, "log.person", password);
        await page.GetAsync($"/IntegrityFiles/Person?id={person}");

        var logs = app.Logs.Text;
        Assert.True(app.Logs.Lines.Count > 20, "nothing was logged: the capture is not wired");
        Assert.Contains("Executed DbCommand", logs); // SQL is logged at Debug: the parameters must not be
        foreach (var s in new[] { password, LianfangApp.AdminPassword, token, ownToken, secret, "4417321" })
            Assert.False(logs.Contains(s), $"the log contains “{s[..Math.Min(12, s.Length)]}…”");
    }

    private static async Task<PageClient> LoginPageAsync(LianfangApp app, string user, string password)
    {
        var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        var res = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return client;
    }
}

[Collection("sqlite")] public sealed class AsvsTests_Sqlite(MatrixFixture_Sqlite f) : AsvsTests(f), IClassFixture<MatrixFixture_Sqlite>;
[Collection("postgres")] public sealed class AsvsTests_Postgres(MatrixFixture_Postgres f) : AsvsTests(f), IClassFixture<MatrixFixture_Postgres>;
[Collection("sqlite")] public sealed class AsvsOwnAppTests_Sqlite() : AsvsOwnAppTests(Db.Sqlite);
[Collection("postgres")] public sealed class AsvsOwnAppTests_Postgres() : AsvsOwnAppTests(Db.Postgres);
