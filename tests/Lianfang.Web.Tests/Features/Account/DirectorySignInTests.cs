using System.Net;
using System.Text.Json;
using Lianfang.Web.Features.Account;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Account;

/// <summary>
/// Directory sign-in against a real OpenLDAP (slapd with the ppolicy overlay): groups give grants, the entry's
/// employeeNumber finds the person, and the local accounts (三员) go on signing in with their own passwords.
/// </summary>
public abstract class DirectorySignInTests(DirectoryFixture f)
{
    private static string NewUid() => $"d{Guid.NewGuid():N}"[..12];

    private async Task<(HttpResponseMessage Response, PageClient Page)> PageSignInAsync(string userName, string password = Slapd.Password)
    {
        var page = new PageClient(f.App.CreateClient(new() { AllowAutoRedirect = false }));
        var res = await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        return (res, page);
    }

    private static async Task<JsonElement> MeAsync(HttpClient client) => await client.GetAsync("/api/v1/auth/me").Expect(HttpStatusCode.OK);

    private static List<(string Role, int? Unit)> Grants(JsonElement me) => me.GetProperty("grants").EnumerateArray()
        .Select(g => (g.GetProperty("role").GetString()!,
            g.GetProperty("orgUnitId").ValueKind == JsonValueKind.Null ? (int?)null : g.GetProperty("orgUnitId").GetInt32()))
        .OrderBy(g => g.Item1).ToList();

    private static List<string> Notices(JsonElement me) => me.GetProperty("notices").EnumerateArray().Select(n => n.GetString()!).ToList();

    private Task<bool> AccountExistsAsync(string userName) =>
        f.App.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedUserName == userName.ToUpperInvariant()));

    private async Task<int> PersonAsync(string number) =>
        (await f.Admin.Post("/api/v1/people", new { name = "目录人员", orgUnitId = f.FinanceId, employeeNumber = number }).Expect(HttpStatusCode.Created)).Id();

    [Fact]
    public async Task Signing_in_on_the_page_gives_the_groups_roles_and_links_the_person_by_employee_number()
    {
        var uid = NewUid();
        var number = "E" + uid;
        var person = await PersonAsync(number);
        // 工号 is unique in the installation
        var dup = await f.Admin.Post("/api/v1/people", new { name = "重号", orgUnitId = f.FinanceId, employeeNumber = number }).Expect(HttpStatusCode.Conflict);
        Assert.Contains("employeeNumber", dup.ErrorFields());
        await Slapd.AddUserAsync(uid, number, "lianfang-staff", "lianfang-leaders");
        Assert.False(await AccountExistsAsync(uid));

        var (res, page) = await PageSignInAsync(uid);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var home = PageClient.Text(await page.GetAsync("/"));
        Assert.Contains("岗位人员", home);
        Assert.Contains("分管领导", home);
        Assert.DoesNotContain(DirectoryAccounts.NoRoles, home);
        Assert.Contains($"目录用户{uid}", home); // the directory's displayName

        var me = await MeAsync(await f.As(uid));
        Assert.True(me.GetProperty("directory").GetBoolean());
        Assert.Equal(person, me.GetProperty("personId").GetInt32());
        Assert.Equal([("leader_in_charge", f.BureauId), ("staff", f.FinanceId)], Grants(me));
        Assert.Empty(Notices(me));

        // no local password: 安全设置 says where it is changed, the administrators cannot reset it or add a grant the next sign-in would undo
        Assert.Contains("由目录（统一身份认证）管理", PageClient.Text(await page.GetAsync("/Account/Manage")));
        var id = me.GetProperty("id").GetInt32();
        await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "principal", orgUnitId = f.BureauId }).Expect(HttpStatusCode.Conflict);
        var user = await f.Admin.GetAsync($"/api/v1/users/{id}").Expect(HttpStatusCode.OK);
        Assert.True(user.GetProperty("directory").GetBoolean());

        // the grants are the directory sync's in the trail
        var trail = (await f.Auditor.GetAsync("/api/v1/audit?pageSize=200&entityType=UserGrant").Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("changes").GetString()!.Contains($"\"UserId\":[null,{id}]")).ToList();
        Assert.Equal(2, trail.Count);
        Assert.All(trail, e => Assert.Equal(DirectoryAccounts.Actor, e.GetProperty("userName").GetString()));
        var signIns = (await f.Auditor.GetAsync($"/api/v1/audit?pageSize=50&entityType=AppUser&userName={uid}").Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "Login").ToList();
        Assert.Contains(signIns, e => e.GetProperty("changes").GetString()!.Contains("网页（目录）"));
    }

    [Fact]
    public async Task The_api_token_works_for_a_directory_user_without_a_person_and_says_so()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, "E-none-" + uid, "lianfang-dept-heads"); // no person has this number
        var client = await f.As(uid);
        var me = await MeAsync(client);
        Assert.Equal([("dept_head", f.FinanceId)], Grants(me));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("personId").ValueKind);
        Assert.Equal([DirectoryAccounts.NoPerson], Notices(me));
        var units = await client.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
        Assert.Contains(units.EnumerateArray(), u => u.GetProperty("id").GetInt32() == f.FinanceId);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_as_a_local_one_and_nothing_is_created()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-staff");
        var problem = await f.Anonymous().Post("/api/v1/auth/token", new { userName = uid, password = "not-the-password-1" })
            .Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(Credentials.Wrong, problem.GetProperty("title").GetString());
        var (res, page) = await PageSignInAsync(uid, "not-the-password-2");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains(Credentials.Wrong, await res.Content.ReadAsStringAsync());
        // a name the directory does not know answers the same
        var unknown = await f.Anonymous().Post("/api/v1/auth/token", new { userName = "nobody" + uid, password = Slapd.Password })
            .Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(Credentials.Wrong, unknown.GetProperty("title").GetString());
        // a filter in the name finds nobody (RFC 4515 escaping)
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = "*", password = Slapd.Password }).Expect(HttpStatusCode.Unauthorized);
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = $"{uid})(uid=*", password = Slapd.Password }).Expect(HttpStatusCode.Unauthorized);
        Assert.False(await AccountExistsAsync(uid));
    }

    [Fact]
    public async Task Wrong_directory_passwords_lock_the_account_as_local_ones_do()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-staff");
        await f.As(uid); // the account exists from the first sign-in
        for (var i = 0; i < 5; i++)
            await f.Anonymous().Post("/api/v1/auth/token", new { userName = uid, password = $"wrong-password-{i}" }).Expect(HttpStatusCode.Unauthorized);
        var locked = await f.Anonymous().Post("/api/v1/auth/token", new { userName = uid, password = Slapd.Password }).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("账号已锁定", locked.GetProperty("title").GetString());
        // the security administrator unlocks it here, as a local account
        var id = await f.App.WithDbAsync(db => db.Users.Where(u => u.UserName == uid).Select(u => u.Id).SingleAsync());
        await f.Security.PostAsync($"/api/v1/users/{id}/unlock", null).Expect(HttpStatusCode.NoContent);
        await f.As(uid);
    }

    [Fact]
    public async Task A_locked_directory_account_is_refused_with_the_reason()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-staff");
        await Slapd.LockAsync(uid);
        var problem = await f.Anonymous().Post("/api/v1/auth/token", new { userName = uid, password = Slapd.Password }).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("目录账号已锁定", problem.GetProperty("title").GetString());
        Assert.Contains("统一身份认证（目录）管理员解锁", problem.GetProperty("detail").GetString());
        var (res, _) = await PageSignInAsync(uid);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("您的目录账号已被锁定或停用", await res.Content.ReadAsStringAsync());
        Assert.False(await AccountExistsAsync(uid));
    }

    [Fact]
    public async Task A_user_in_no_mapped_group_signs_in_without_roles_and_is_told()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "no-role");
        var (res, page) = await PageSignInAsync(uid);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains(DirectoryAccounts.NoRoles, PageClient.Text(await page.GetAsync("/")));
        var me = await MeAsync(await f.As(uid));
        Assert.Empty(Grants(me));
        Assert.Contains(DirectoryAccounts.NoRoles, Notices(me));
        // nothing of the org tree opens
        Assert.Empty((await (await f.As(uid)).GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_group_change_takes_effect_at_the_next_sign_in()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-staff");
        var before = await f.As(uid);
        Assert.Equal([("staff", f.FinanceId)], Grants(await MeAsync(before)));

        await Slapd.LeaveAsync(uid, "lianfang-staff");
        await Slapd.JoinAsync(uid, "lianfang-dept-heads");
        Assert.Equal([("staff", f.FinanceId)], Grants(await MeAsync(before))); // the directory is asked at sign-in, not on every request

        var after = await f.As(uid);
        Assert.Equal([("dept_head", f.FinanceId)], Grants(await MeAsync(after)));
        // grants are read on every request: the earlier token goes on, with the new grants (the stamp is not renewed)
        Assert.Equal([("dept_head", f.FinanceId)], Grants(await MeAsync(before)));
        var id = (await MeAsync(after)).GetProperty("id").GetInt32();
        var trail = (await f.Auditor.GetAsync($"/api/v1/audit?pageSize=200&entityType=UserGrant&userName={DirectoryAccounts.Actor}").Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(e => e.GetProperty("changes").GetString()!.Contains($"[{id},null]")).ToList();
        Assert.Contains(trail, e => e.GetProperty("action").GetString() == "Delete" && e.GetProperty("changes").GetString()!.Contains("Staff"));

        // out of every mapped group: signed in, with no roles
        await Slapd.LeaveAsync(uid, "lianfang-dept-heads");
        Assert.Empty(Grants(await MeAsync(await f.As(uid))));
    }

    [Fact]
    public async Task Local_accounts_sign_in_locally_even_where_the_directory_has_the_same_name()
    {
        await f.As("admin", LianfangApp.AdminPassword);
        var (res, _) = await PageSignInAsync("secadmin", LianfangApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        // zhangsan is in the test directory too: a local account of that name keeps its own password
        await f.Admin.Post("/api/v1/users", new { userName = "zhangsan", password = LianfangApp.Password, orgUnitId = f.FinanceId })
            .Expect(HttpStatusCode.Created);
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = "zhangsan", password = Slapd.Password }).Expect(HttpStatusCode.Unauthorized);
        var me = await MeAsync(await f.As("zhangsan", LianfangApp.Password));
        Assert.False(me.GetProperty("directory").GetBoolean());
    }

    [Fact]
    public async Task With_the_directory_down_its_users_are_told_and_local_accounts_still_work()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-staff");
        await f.As(uid); // known here already: the shadow account does not let it in without the directory
        using var down = f.AnotherApp(f.Settings("ldap://127.0.0.1:1"));
        foreach (var name in new[] { uid, NewUid() })
        {
            var problem = await down.CreateClient().Post("/api/v1/auth/token", new { userName = name, password = Slapd.Password })
                .Expect(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("目录服务不可用", problem.GetProperty("title").GetString());
        }
        var page = new PageClient(down.CreateClient(new() { AllowAutoRedirect = false }));
        var res = await page.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = uid, ["Input.Password"] = Slapd.Password });
        Assert.Contains("暂时无法连接目录服务", await res.Content.ReadAsStringAsync());
        await DirectoryFixture.TokenAsync(down, "admin", LianfangApp.AdminPassword);
        var security = DirectoryFixture.Client(down, await DirectoryFixture.TokenAsync(down, "secadmin", LianfangApp.AdminPassword));
        await security.GetAsync("/api/v1/security/password-policy").Expect(HttpStatusCode.OK);
        var status = new PageClient(down.CreateClient(new() { AllowAutoRedirect = false }));
        await status.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = "secadmin", ["Input.Password"] = LianfangApp.AdminPassword });
        Assert.Contains("ldap://127.0.0.1:1", PageClient.Text(await status.GetAsync("/Admin/Security")));
    }

    [Fact]
    public async Task Ldaps_signs_in_where_the_certificate_is_trusted_and_refuses_one_for_another_name()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-staff");
        using (var tls = f.AnotherApp(f.Settings(Slapd.LdapsUrl())))
        {
            var me = await MeAsync(DirectoryFixture.Client(tls, await DirectoryFixture.TokenAsync(tls, uid, Slapd.Password)));
            Assert.Equal([("staff", f.FinanceId)], Grants(me));
        }
        // the certificate names 127.0.0.1 only: reached as localhost it is refused, as a man in the middle's would be
        using var mismatch = f.AnotherApp(f.Settings(Slapd.LdapsUrl("localhost")));
        var problem = await mismatch.CreateClient().Post("/api/v1/auth/token", new { userName = uid, password = Slapd.Password })
            .Expect(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("目录服务不可用", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_filter_that_finds_more_than_one_entry_signs_nobody_in()
    {
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-staff");
        var settings = f.Settings();
        settings["Lianfang:Directory:UserFilter"] = "(|(uid={0})(uid=zhangsan))";
        using var loose = f.AnotherApp(settings);
        var problem = await loose.CreateClient().Post("/api/v1/auth/token", new { userName = uid, password = Slapd.Password })
            .Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(Credentials.Wrong, problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("Lianfang:Directory:Groups:0:Role", "admin", "三员分立")]
    [InlineData("Lianfang:Directory:Groups:0:Role", "chief", "角色“chief”无效")]
    [InlineData("Lianfang:Directory:Groups:0:OrgUnit", "目录委/没有这个局", "机构“目录委/没有这个局”不存在")]
    [InlineData("Lianfang:Directory:Url", "http://127.0.0.1:389", "不是目录地址")]
    [InlineData("Lianfang:Directory:BaseDn", "", "BaseDn")]
    public async Task A_directory_setting_the_app_cannot_use_stops_it_with_the_reason(string key, string value, string reason)
    {
        var settings = f.Settings();
        settings[key] = value;
        using var app = f.AnotherApp(settings);
        var e = await Assert.ThrowsAnyAsync<Exception>(async () => await app.CreateClient().GetAsync("/healthz"));
        Assert.Contains(reason, e.ToString());
        Assert.Contains(key.Replace("Lianfang:Directory:", ""), e.ToString());
    }

    [Fact]
    public async Task Administrator_groups_are_allowed_only_when_the_configuration_says_so()
    {
        var settings = f.Settings();
        settings["Lianfang:Directory:Groups:3:Group"] = "lianfang-admins";
        settings["Lianfang:Directory:Groups:3:Role"] = "auditor";
        settings["Lianfang:Directory:AllowAdministratorRoles"] = "true";
        using var app = f.AnotherApp(settings);
        var uid = NewUid();
        await Slapd.AddUserAsync(uid, null, "lianfang-admins");
        var me = await MeAsync(DirectoryFixture.Client(app, await DirectoryFixture.TokenAsync(app, uid, Slapd.Password)));
        Assert.Equal([("auditor", (int?)null)], Grants(me));
    }
}

public sealed class DirectorySignInTests_Sqlite(DirectorySqliteFixture f) : DirectorySignInTests(f), IClassFixture<DirectorySqliteFixture>;
public sealed class DirectorySignInTests_Postgres(DirectoryPostgresFixture f) : DirectorySignInTests(f), IClassFixture<DirectoryPostgresFixture>;
