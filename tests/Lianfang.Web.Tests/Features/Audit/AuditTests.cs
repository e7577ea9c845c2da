using System.Diagnostics;
using System.Net;
using Lianfang.Web.Infrastructure;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Audit;

public abstract class AuditTests(AppFixture f)
{
    [Fact]
    public async Task A_rename_is_recorded_with_actor_and_before_after_values()
    {
        var w = await World.CreateAsync(f, "审计");
        var office = await f.As(w.Users["party_office"]);
        await office.Put($"/api/v1/org-units/{w.D2}", new { name = "党政办公室", kind = "Department", parentId = w.U1, version = await office.VersionAsync($"/api/v1/org-units/{w.D2}") }).Expect(HttpStatusCode.OK);

        var page = await (await f.As(w.Users["auditor"])).GetAsync("/api/v1/audit?entityType=OrgUnit").Expect(HttpStatusCode.OK);
        var rename = page.GetProperty("items").EnumerateArray().First(e => e.GetProperty("entityId").GetString() == w.D2.ToString());
        Assert.Equal("Update", rename.GetProperty("action").GetString());
        Assert.Equal(w.Users["party_office"], rename.GetProperty("userName").GetString());
        Assert.Contains("\"Name\":[\"办公室\",\"党政办公室\"]", rename.GetProperty("changes").GetString());
        Assert.Equal(64, rename.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task The_audit_page_reads_in_chinese_with_names_local_times_and_filters_by_unit_and_date()
    {
        var w = await World.CreateAsync(f, "审计页");
        var office = await f.As(w.Users["party_office"]);
        var campaign = (await office.Post("/api/v1/campaigns", new { name = "审计页排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-11-30" })
            .Expect(HttpStatusCode.Created)).Id();
        await office.Post($"/api/v1/campaigns/{campaign}/change", new { deadline = "2026-12-31", reason = "机构调整" }).Expect(HttpStatusCode.OK);

        var page = await PageClient.LoginAsync(f, w.Users["auditor"]);
        var today = f.App.Today.ToString("yyyy-MM-dd");
        var doc = await page.GetAsync($"/Audit?orgUnitId={w.U1}&from={today}&to={today}&entityType=Campaign");
        var row = doc.QuerySelectorAll("#audit tbody tr").FirstOrDefault(r => r.TextContent.Contains("修改"))
            ?? throw new Xunit.Sdk.XunitException(doc.QuerySelector("#audit")!.TextContent + " / all: " + PageClient.Text(await page.GetAsync("/Audit?entityType=Campaign")));
        var text = row.TextContent;
        Assert.Contains("排查", text);
        Assert.Contains("审计页排查（#" + campaign + "）", text);      // the object by its name
        Assert.Contains("截止日期：", text);                          // the field in Chinese
        Assert.Contains("2026-11-30", text);
        Assert.Contains("调整原因：", text);
        Assert.Contains("机构调整", text);
        Assert.DoesNotContain("ChangeReason", text);
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row.QuerySelector("td")!.TextContent); // local time, not ISO UTC
        // a person created in the unit is shown with the unit's name, not its id
        var person = (await f.Admin.Post("/api/v1/people", new { name = "审计甲", orgUnitId = w.D1 }).Expect(HttpStatusCode.Created)).Id();
        var people = PageClient.Text(await page.GetAsync($"/Audit?orgUnitId={w.D1}&entityType=Person"));
        Assert.Contains($"审计甲（#{person}）", people);
        Assert.Contains("机构：财务处", people.Replace("\n", "").Replace(" ", ""));
        // stored enum values and flags read in Chinese too: a post's tier, a campaign's state, an account's flags
        var post = (await f.Admin.Post("/api/v1/posts", new { orgUnitId = w.D1, name = "审计岗", tier = "Other" }).Expect(HttpStatusCode.Created)).Id();
        var posts = PageClient.Text(await page.GetAsync($"/Audit?orgUnitId={w.D1}&entityType=Post")).Replace("\n", "").Replace(" ", "");
        Assert.Contains("岗位层面：其他岗位", posts);
        Assert.DoesNotContain("Other", posts);
        Assert.Contains("状态：进行中", PageClient.Text(await page.GetAsync($"/Audit?orgUnitId={w.U1}&entityType=Campaign")).Replace("\n", "").Replace(" ", ""));
        var accounts = PageClient.Text(await (await PageClient.LoginAsync(f, "auditor", LianfangApp.AdminPassword)).GetAsync("/Audit?entityType=AppUser"));
        Assert.Contains("邮箱已确认", accounts);
        Assert.DoesNotContain("EmailConfirmed", accounts);
        Assert.DoesNotContain("False", accounts);
        // another day, or another unit, has none of it
        Assert.DoesNotContain("审计页排查", PageClient.Text(await page.GetAsync($"/Audit?orgUnitId={w.U1}&from=2020-01-01&to=2020-01-02")));
        Assert.DoesNotContain("审计页排查", PageClient.Text(await page.GetAsync($"/Audit?orgUnitId={w.U2}&entityType=Campaign")));
        Assert.Equal(["to"], (await f.Auditor.GetAsync("/api/v1/audit?from=2026-02-01&to=2026-01-01").Expect(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Secrets_never_reach_the_audit_trail()
    {
        var w = await f.WorldAsync();
        var events = await f.App.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityType == "AppUser").Select(e => e.Changes).ToListAsync());
        Assert.NotEmpty(events);
        Assert.All(events, c => Assert.DoesNotContain("PasswordHash", c));
        Assert.All(events, c => Assert.DoesNotContain("SecurityStamp", c));
        Assert.Contains(events, c => c.Contains(w.Users["staff"]));
    }

    [Fact]
    public async Task Only_the_audit_administrator_reads_the_trail_within_its_scope()
    {
        var w = await f.WorldAsync();
        var other = await f.OtherWorldAsync();
        var auditor = await (await f.As(w.Users["auditor"])).GetAsync("/api/v1/audit?pageSize=200&entityType=OrgUnit").Expect(HttpStatusCode.OK);
        var ids = auditor.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entityId").GetString()).ToHashSet();
        Assert.Contains(w.D1.ToString(), ids);
        Assert.DoesNotContain(other.D1.ToString(), ids);
        // 三员分立: not the commission, not the system or security administrator, not a unit role
        foreach (var client in new[] { f.Admin, f.Security, await f.As(w.Users["commission"]), await f.As(w.Users["admin"]), await f.As(w.Users["principal"]) })
            await client.GetAsync("/api/v1/audit").Expect(HttpStatusCode.Forbidden);
        // the whole chain is checked by the auditor of the whole system only
        await (await f.As(w.Users["auditor"])).PostAsync("/api/v1/audit/verify", null).Expect(HttpStatusCode.Forbidden);
        await f.Admin.PostAsync("/api/v1/audit/verify", null).Expect(HttpStatusCode.Forbidden);
        var verified = await f.Auditor.PostAsync("/api/v1/audit/verify", null).Expect(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Every_sign_in_succeeded_or_failed_is_in_the_trail_with_its_address_and_way()
    {
        var w = await World.CreateAsync(f, "登录记录");
        var user = w.Users["staff"];
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = user, password = "wrong-password-123" }).Expect(HttpStatusCode.Unauthorized);
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = user, password = LianfangApp.Password }).Expect(HttpStatusCode.OK);
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = "nobody." + w.Tag[^6..], password = "wrong-password-123" }).Expect(HttpStatusCode.Unauthorized);
        var page = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = "wrong-password-456" });
        await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = LianfangApp.Password });

        var events = (await f.Auditor.GetAsync($"/api/v1/audit?pageSize=200&entityType=AppUser").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString()!.StartsWith("Login")).ToList();
        (string Action, string Channel) Of(System.Text.Json.JsonElement e) =>
            (e.GetProperty("action").GetString()!, System.Text.Json.JsonDocument.Parse(e.GetProperty("changes").GetString()!).RootElement.GetProperty("Channel")[1].GetString()!);
        var mine = events.Where(e => e.GetProperty("userName").GetString() == user).Select(Of).ToList();
        Assert.Contains(("LoginFailed", "API"), mine);
        Assert.Contains(("Login", "API"), mine);
        Assert.Contains(("LoginFailed", "网页"), mine);
        Assert.Contains(("Login", "网页"), mine);
        Assert.Contains(events, e => e.GetProperty("userName").GetString() == "nobody." + w.Tag[^6..] && e.GetProperty("action").GetString() == "LoginFailed");
        Assert.All(events, e => Assert.Contains("Address", e.GetProperty("changes").GetString()));
        Assert.All(events.Where(e => e.GetProperty("action").GetString() == "Login"), e => Assert.DoesNotContain("Reason", e.GetProperty("changes").GetString()));
        // the page says it in words
        var auditor = await PageClient.LoginAsync(f, "auditor", LianfangApp.AdminPassword);
        var text = PageClient.Text(await auditor.GetAsync("/Audit?entityType=AppUser"));
        Assert.Contains("登录失败", text);
        Assert.Contains("来源地址", text);
        Assert.Contains("角色：岗位人员", PageClient.Text(await auditor.GetAsync("/Audit?entityType=UserGrant")).Replace("\n", "").Replace(" ", "")); // a role by its name
    }

    [Fact]
    public async Task The_administrators_own_acts_are_in_the_trail_for_the_auditor_and_confidential_content_is_withheld()
    {
        var w = await World.CreateAsync(f, "三员审计");
        var id = (await f.Admin.Post("/api/v1/users", new { userName = $"s{w.Tag[^6..]}.new", password = LianfangApp.Password, orgUnitId = w.U1 }).Expect(HttpStatusCode.Created)).Id();
        await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "staff", orgUnitId = w.D1 }).Expect(HttpStatusCode.Created);
        await (await f.As(w.Users["agency"])).Post("/api/v1/complaints", new { orgUnitId = w.U1, content = "反映某处长收受礼金八万元", contactName = "李某", contact = "13800000000" })
            .Expect(HttpStatusCode.Created);

        var trail = (await f.Auditor.GetAsync("/api/v1/audit?pageSize=200").Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(trail, e => e.GetProperty("entityType").GetString() == "AppUser" && e.GetProperty("userName").GetString() == "admin");
        Assert.Contains(trail, e => e.GetProperty("entityType").GetString() == "UserGrant" && e.GetProperty("userName").GetString() == "secadmin");
        var complaint = trail.First(e => e.GetProperty("entityType").GetString() == "Complaint").GetProperty("changes").GetString()!;
        Assert.DoesNotContain("礼金", complaint);
        Assert.DoesNotContain("13800000000", complaint);
        Assert.Contains("保密内容", complaint);
    }

    [Fact]
    public async Task The_database_refuses_to_edit_or_delete_audit_rows()
    {
        await f.WorldAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => f.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"UserName\" = 'x'")));
        await Assert.ThrowsAnyAsync<Exception>(() => f.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\"")));
    }

    [Fact]
    public async Task Verify_detects_a_row_tampered_behind_the_apps_back()
    {
        using var app = new LianfangApp(f.Db);
        var fixture = new IsolatedFixture(app);
        var admin = await fixture.AdminAsync();
        var c = (await admin.Post("/api/v1/org-units", new { name = "篡改测试纪委", kind = "Commission" }).Expect(HttpStatusCode.Created)).Id();
        await admin.Post("/api/v1/org-units", new { name = "某局", kind = "Unit", parentId = c }).Expect(HttpStatusCode.Created);
        Assert.True((await app.WithDbAsync(CommandLine.VerifyAuditAsync)).Ok);

        // Someone with database access drops the guard and rewrites history.
        await app.WithDbAsync(async db =>
        {
            if (f.Db == Db.Sqlite) await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_no_update");
            else await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_events_no_change ON \"AuditEvents\"");
            var seq = await db.AuditEvents.Where(e => e.EntityType == "OrgUnit").OrderByDescending(e => e.Seq).Select(e => e.Seq).FirstAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Changes\" = '{{}}' WHERE \"Seq\" = {seq}");
            return seq;
        });
        var result = await app.WithDbAsync(CommandLine.VerifyAuditAsync);
        Assert.False(result.Ok);
        Assert.Contains("篡改", result.Reason);
    }

    [Fact]
    public async Task The_migrate_and_verify_audit_commands_run_as_a_real_process()
    {
        if (f.Db != Db.Sqlite) { await RunCommandOnPostgres(); return; }
        var file = Path.Combine(Path.GetTempPath(), $"lianfang-cmd-{Guid.NewGuid():N}.db");
        try
        {
            var (code, output) = await Run("migrate", $"Data Source={file}", "Sqlite");
            Assert.True(code == 0, output);
            Assert.Contains("数据库已迁移到最新版本（SQLite）", output);
            (code, output) = await Run("verify-audit", $"Data Source={file}", "Sqlite");
            Assert.True(code == 0, output);
            Assert.Contains("审计日志完整", output);
            (code, output) = await Run("frobnicate", $"Data Source={file}", "Sqlite");
            Assert.Equal(64, code);
        }
        finally { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); File.Delete(file); }
    }

    private async Task RunCommandOnPostgres()
    {
        using var app = new LianfangApp(Db.Postgres);
        var (code, output) = await Run("migrate", app.ConnectionString, "Postgres");
        Assert.True(code == 0, output);
        Assert.Contains("PostgreSQL", output);
    }

    private static async Task<(int Code, string Output)> Run(string command, string connectionString, string provider)
    {
        var psi = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment["ConnectionStrings__Default"] = connectionString;
        psi.Environment["Database__Provider"] = provider;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>A one-off app for a test that must not disturb the shared one.</summary>
    private sealed class IsolatedFixture(LianfangApp app)
    {
        public async Task<HttpClient> AdminAsync()
        {
            var token = (await app.CreateClient().Post("/api/v1/auth/token", new { userName = "admin", password = LianfangApp.AdminPassword }).Expect(HttpStatusCode.OK))
                .GetProperty("accessToken").GetString();
            var c = app.CreateClient();
            c.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return c;
        }
    }
}

[Collection("sqlite")] public sealed class AuditTests_Sqlite(SqliteFixture f) : AuditTests(f);
[Collection("postgres")] public sealed class AuditTests_Postgres(PostgresFixture f) : AuditTests(f);
