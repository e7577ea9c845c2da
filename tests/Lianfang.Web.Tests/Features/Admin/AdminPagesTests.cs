using System.Net;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Admin;

public abstract class AdminPagesTests(AppFixture f)
{
    [Fact]
    public async Task An_account_made_on_the_page_takes_the_email_its_notices_go_to()
    {
        var w = await World.CreateAsync(f, "邮箱");
        var admin = await PageClient.LoginAsync(f, "admin", LianfangApp.AdminPassword);
        var name = $"m{w.Tag[^6..]}";
        var bad = await admin.SubmitAsync("/Admin/Users/Edit", new() { ["Input.UserName"] = name, ["Input.Password"] = LianfangApp.Password, ["Input.Email"] = "不是邮箱",
            ["Input.Role"] = "staff", ["Input.OrgUnitId"] = w.D1.ToString() }, "handler=Create");
        Assert.Contains("电子邮箱格式不正确", await bad.Content.ReadAsStringAsync());
        var res = await admin.SubmitAsync("/Admin/Users/Edit", new() { ["Input.UserName"] = name, ["Input.Password"] = LianfangApp.Password, ["Input.Email"] = $"{name}@example.gov.cn",
            ["Input.Role"] = "staff", ["Input.OrgUnitId"] = w.D1.ToString() }, "handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal($"{name}@example.gov.cn", await f.App.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Email).SingleAsync()));
    }

    [Fact]
    public async Task Admin_pages_list_users_and_the_audit_trail()
    {
        var w = await f.WorldAsync();
        var admin = await PageClient.LoginAsync(f, "admin", LianfangApp.AdminPassword);
        var users = await admin.GetAsync($"/Admin/Users?q={w.Users["principal"]}");
        Assert.Contains("主要负责人 · 卫健委", PageClient.Text(users));
        await admin.GetAsync("/Audit", HttpStatusCode.Forbidden); // 三员分立: the trail is the auditor's
        var auditor = await PageClient.LoginAsync(f, "auditor", LianfangApp.AdminPassword);
        var audit = await auditor.GetAsync("/Audit?entityType=OrgUnit");
        Assert.Contains("派驻组", PageClient.Text(audit));
        var verify = await auditor.SubmitAsync("/Audit", [], "Verify");
        Assert.Contains("审计日志完整", await verify.Content.ReadAsStringAsync());
    }
}

[Collection("sqlite")] public sealed class AdminPagesTests_Sqlite(SqliteFixture f) : AdminPagesTests(f);
[Collection("postgres")] public sealed class AdminPagesTests_Postgres(PostgresFixture f) : AdminPagesTests(f);
