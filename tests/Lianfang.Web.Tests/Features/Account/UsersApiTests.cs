using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Account;

public abstract class UsersApiTests(AppFixture f)
{
    private static string NewName() => $"u{Guid.NewGuid():N}"[..14];

    [Fact]
    public async Task Admin_creates_a_leader_in_charge_of_two_departments_who_then_reads_both()
    {
        var w = await f.WorldAsync();
        var name = NewName();
        var created = await f.Admin.Post("/api/v1/users", new
        {
            userName = name, password = LianfangApp.Password,
            grants = new[] { new { role = "leader_in_charge", orgUnitId = w.D1 }, new { role = "leader_in_charge", orgUnitId = w.D2 } },
        }).Expect(HttpStatusCode.Created);

        var user = await f.Admin.GetAsync($"/api/v1/users/{created.Id()}").Expect(HttpStatusCode.OK);
        Assert.Equal(2, user.GetProperty("grants").GetArrayLength());
        var leader = await f.As(name);
        await leader.GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.OK);
        await leader.GetAsync($"/api/v1/org-units/{w.D2}").Expect(HttpStatusCode.OK);
        await leader.GetAsync($"/api/v1/org-units/{w.D3}").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_admins_create_users()
    {
        var w = await f.WorldAsync();
        foreach (var role in new[] { "principal", "party_office", "commission", "staff" })
            await (await f.As(w.Users[role])).Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, grants = new[] { new { role = "staff", orgUnitId = w.D1 } } })
                .Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_subtree_admin_cannot_grant_outside_its_subtree_or_make_system_admins()
    {
        var w = await f.WorldAsync();
        var other = await World.CreateAsync(f, "他处");
        var subAdmin = await f.As(w.Users["admin"]);
        await subAdmin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, grants = new[] { new { role = "staff", orgUnitId = w.D1 } } })
            .Expect(HttpStatusCode.Created);
        var outside = await subAdmin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, grants = new[] { new { role = "staff", orgUnitId = other.D1 } } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("grants[0].orgUnitId", outside.ErrorFields());
        await subAdmin.Post("/api/v1/users", new { userName = NewName(), password = LianfangApp.Password, grants = new[] { new { role = "admin", orgUnitId = (int?)null } } })
            .Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_user_input_names_the_field_and_creates_nothing()
    {
        var w = await f.WorldAsync();
        var name = NewName();
        var weak = await f.Admin.Post("/api/v1/users", new { userName = name, password = "short", grants = Array.Empty<object>() }).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("password", weak.ErrorFields());
        Assert.Contains("12", weak.GetProperty("detail").GetString());
        var role = await f.Admin.Post("/api/v1/users", new { userName = name, password = LianfangApp.Password, grants = new[] { new { role = "boss", orgUnitId = w.D1 } } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("grants[0].role", role.ErrorFields());
        var users = await f.Admin.GetAsync("/api/v1/users").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("userName").GetString() == name);

        await f.Admin.Post("/api/v1/users", new { userName = name, password = LianfangApp.Password, grants = Array.Empty<object>() }).Expect(HttpStatusCode.Created);
        var dup = await f.Admin.Post("/api/v1/users", new { userName = name, password = LianfangApp.Password, grants = Array.Empty<object>() }).Expect(HttpStatusCode.Conflict);
        Assert.Contains("已被使用", dup.GetProperty("detail").GetString());
    }
}

[Collection("sqlite")] public sealed class UsersApiTests_Sqlite(SqliteFixture f) : UsersApiTests(f);
[Collection("postgres")] public sealed class UsersApiTests_Postgres(PostgresFixture f) : UsersApiTests(f);
