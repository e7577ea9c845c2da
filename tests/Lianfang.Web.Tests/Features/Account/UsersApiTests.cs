using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Account;

/// <summary>
/// Accounts under 三员分立: the system administrator creates them, the security administrator grants their roles and
/// unlocks them, the audit administrator reads the trail of it all; one account never holds two of the three.
/// </summary>
public abstract class UsersApiTests(AppFixture f)
{
    private static string NewName() => $"u{Guid.NewGuid():N}"[..14];

    [Fact]
    public async Task The_admin_creates_and_the_security_admin_grants_a_leader_in_charge_of_two_departments_who_then_reads_both()
    {
        var w = await f.WorldAsync();
        var name = NewName();
        // the system administrator may not grant: the account comes without roles
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Admin.Post("/api/v1/users", new
        {
            userName = name, password = LianfangApp.Password, grants = new[] { new { role = "leader_in_charge", orgUnitId = w.D1 } },
        })).StatusCode);
        var id = (await f.Admin.Post("/api/v1/users", new { userName = name, password = LianfangApp.Password, orgUnitId = w.U1 }).Expect(HttpStatusCode.Created)).Id();
        await (await f.As(name)).GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.NotFound); // no role yet
        await f.Admin.Post($"/api/v1/users/{id}/grants", new { role = "leader_in_charge", orgUnitId = w.D1 }).Expect(HttpStatusCode.Forbidden);

        await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "leader_in_charge", orgUnitId = w.D1 }).Expect(HttpStatusCode.Created);
        await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "leader_in_charge", orgUnitId = w.D2 }).Expect(HttpStatusCode.Created);
        await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "leader_in_charge", orgUnitId = w.D2 }).Expect(HttpStatusCode.Conflict);
        var user = await f.Security.GetAsync($"/api/v1/users/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal(2, user.GetProperty("grants").GetArrayLength());
        Assert.Equal(w.U1, user.GetProperty("orgUnitId").GetInt32());
        var leader = await f.As(name);
        await leader.GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.OK);
        await leader.GetAsync($"/api/v1/org-units/{w.D2}").Expect(HttpStatusCode.OK);
        await leader.GetAsync($"/api/v1/org-units/{w.D3}").Expect(HttpStatusCode.NotFound);

        // withdrawn by the security administrator, the role stops at once
        var d2 = user.GetProperty("grants").EnumerateArray().Single(g => g.GetProperty("orgUnitId").GetInt32() == w.D2).Id();
        await f.Admin.DeleteAsync($"/api/v1/users/{id}/grants/{d2}").Expect(HttpStatusCode.Forbidden);
        await f.Security.DeleteAsync($"/api/v1/users/{id}/grants/{d2}").Expect(HttpStatusCode.NoContent);
        await leader.GetAsync($"/api/v1/org-units/{w.D2}").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_system_administrator_creates_users_and_only_the_security_administrator_grants()
    {
        var w = await f.WorldAsync();
        foreach (var role in new[] { "principal", "party_office", "commission", "staff", "security_admin", "auditor" })
            await (await f.As(w.Users[role])).Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, orgUnitId = w.D1 })
                .Expect(HttpStatusCode.Forbidden);
        var id = (await f.Admin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, orgUnitId = w.D1 }).Expect(HttpStatusCode.Created)).Id();
        foreach (var role in new[] { "principal", "party_office", "commission", "admin", "auditor" })
            Assert.Contains((await (await f.As(w.Users[role])).Post($"/api/v1/users/{id}/grants", new { role = "staff", orgUnitId = w.D1 })).StatusCode,
                new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        // the auditor reads no accounts; the security administrator of the commission does, and unlocks
        await (await f.As(w.Users["auditor"])).GetAsync("/api/v1/users").Expect(HttpStatusCode.Forbidden);
        var security = await f.As(w.Users["security_admin"]);
        Assert.Contains((await security.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK)).EnumerateArray(), u => u.Id() == id);
        await security.PostAsync($"/api/v1/users/{id}/unlock", null).Expect(HttpStatusCode.NoContent);
        await f.Admin.PostAsync($"/api/v1/users/{id}/unlock", null).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_subtree_security_admin_grants_only_inside_its_subtree_and_never_over_the_whole_system()
    {
        var w = await f.WorldAsync();
        var other = await World.CreateAsync(f, "他处");
        var subAdmin = await f.As(w.Users["admin"]);
        var security = await f.As(w.Users["security_admin"]);
        var id = (await subAdmin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, orgUnitId = w.D1 }).Expect(HttpStatusCode.Created)).Id();
        Assert.Equal(["orgUnitId"], (await subAdmin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, orgUnitId = other.D1 })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["orgUnitId"], (await subAdmin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields()); // a subtree's account belongs to one of its units

        await security.Post($"/api/v1/users/{id}/grants", new { role = "staff", orgUnitId = w.D1 }).Expect(HttpStatusCode.Created);
        Assert.Equal(["orgUnitId"], (await security.Post($"/api/v1/users/{id}/grants", new { role = "staff", orgUnitId = other.D1 })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await security.Post($"/api/v1/users/{id}/grants", new { role = "auditor", orgUnitId = (int?)null }).Expect(HttpStatusCode.Forbidden);
        // nor to itself
        var self = (await security.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == w.Users["security_admin"]).Id();
        await security.Post($"/api/v1/users/{self}/grants", new { role = "commission", orgUnitId = w.C }).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task One_account_never_holds_two_of_the_three_administrators()
    {
        var w = await f.WorldAsync();
        var id = (await f.Admin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, orgUnitId = w.C }).Expect(HttpStatusCode.Created)).Id();
        await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "admin", orgUnitId = w.C }).Expect(HttpStatusCode.Created);
        foreach (var role in new[] { "security_admin", "auditor" })
        {
            var refused = await f.Security.Post($"/api/v1/users/{id}/grants", new { role, orgUnitId = w.C }).Expect(HttpStatusCode.Conflict);
            Assert.Contains("三个不同的账号", refused.GetProperty("detail").GetString());
        }
        await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "admin", orgUnitId = w.U1 }).Expect(HttpStatusCode.Created); // the same one elsewhere
        var user = await f.Security.GetAsync($"/api/v1/users/{id}").Expect(HttpStatusCode.OK);
        Assert.All(user.GetProperty("grants").EnumerateArray(), g => Assert.Equal("admin", g.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Bad_user_input_names_the_field_and_creates_nothing()
    {
        var w = await f.WorldAsync();
        var name = NewName();
        var weak = await f.Admin.Post("/api/v1/users", new { userName = name, password = "short" }).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("password", weak.ErrorFields());
        Assert.Contains("12", weak.GetProperty("detail").GetString());
        var users = await f.Admin.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("userName").GetString() == name);

        var id = (await f.Admin.Post("/api/v1/users", new { userName = name, password = LianfangApp.Password }).Expect(HttpStatusCode.Created)).Id();
        var dup = await f.Admin.Post("/api/v1/users", new { userName = name, password = LianfangApp.Password }).Expect(HttpStatusCode.Conflict);
        Assert.Contains("已被使用", dup.GetProperty("detail").GetString());
        var role = await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "boss", orgUnitId = w.D1 }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["role"], role.ErrorFields());
        Assert.Contains("security_admin", role.GetProperty("detail").GetString());
        Assert.Equal(["orgUnitId"], (await f.Security.Post($"/api/v1/users/{id}/grants", new { role = "staff" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Empty((await f.Security.GetAsync($"/api/v1/users/{id}").Expect(HttpStatusCode.OK)).GetProperty("grants").EnumerateArray());
    }
}

[Collection("sqlite")] public sealed class UsersApiTests_Sqlite(SqliteFixture f) : UsersApiTests(f);
[Collection("postgres")] public sealed class UsersApiTests_Postgres(PostgresFixture f) : UsersApiTests(f);
