using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.People;

public abstract class PeopleApiTests(AppFixture f)
{
    [Fact]
    public async Task Party_office_keeps_posts_and_people_of_its_own_unit()
    {
        var w = await World.CreateAsync(f, "岗位");
        var office = await f.As(w.Users["party_office"]);
        var post = await office.Post("/api/v1/posts", new { orgUnitId = w.D2, name = "办公室主任", tier = "Middle", duties = "机关运转", integrityDuties = "组织廉政风险排查" })
            .Expect(HttpStatusCode.Created);
        var person = await office.Post("/api/v1/people", new { name = "周丽", title = "主任", orgUnitId = w.D2, postId = post.Id() }).Expect(HttpStatusCode.Created);
        Assert.Equal(post.Id(), person.GetProperty("postId").GetInt32());
        var people = await office.GetAsync($"/api/v1/org-units/{w.D2}/people").Expect(HttpStatusCode.OK);
        Assert.Contains(people.EnumerateArray(), p => p.GetProperty("name").GetString() == "周丽");

        // another unit's department is outside the party office's reach
        await office.Post("/api/v1/posts", new { orgUnitId = w.D3, name = "科员", tier = "Other" }).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_change_of_post_ends_the_old_one_and_keeps_the_history()
    {
        var w = await World.CreateAsync(f, "换岗");
        var person = await f.Admin.Post("/api/v1/people", new { name = "李华", title = "科员", orgUnitId = w.D1, postId = w.P1, appointedOn = "2019-05-01" }).Expect(HttpStatusCode.Created);
        var newPost = await f.Admin.Post("/api/v1/posts", new { orgUnitId = w.D2, name = "文秘", tier = "Other" }).Expect(HttpStatusCode.Created);
        var early = await f.Admin.Put($"/api/v1/people/{person.Id()}", new { name = "李华", postId = newPost.Id(), appointedOn = "2018-01-01", version = await f.Admin.VersionAsync($"/api/v1/people/{person.Id()}") }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["appointedOn"], early.ErrorFields());
        await f.Admin.Put($"/api/v1/people/{person.Id()}", new { name = "李华", title = "科员", postId = newPost.Id(), appointedOn = "2024-09-01", version = await f.Admin.VersionAsync($"/api/v1/people/{person.Id()}") }).Expect(HttpStatusCode.OK);
        var p = await f.Admin.GetAsync($"/api/v1/people/{person.Id()}").Expect(HttpStatusCode.OK);
        Assert.Equal(w.D2, p.GetProperty("orgUnitId").GetInt32());
        var history = p.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("文秘", history[0].GetProperty("postName").GetString());
        Assert.Equal(JsonNull, history[0].GetProperty("to").ValueKind);
        Assert.Equal("2024-09-01", history[1].GetProperty("to").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Bad_post_and_person_input_names_the_field()
    {
        var w = await f.WorldAsync();
        Assert.Equal(["tier"], (await f.Admin.Post("/api/v1/posts", new { orgUnitId = w.D1, name = "出纳" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["tier"], (await f.Admin.PostRaw("/api/v1/posts", $$"""{"orgUnitId":{{w.D1}},"name":"出纳","tier":"Boss"}""").Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["orgUnitId"], (await f.Admin.Post("/api/v1/posts", new { name = "出纳", tier = "Other" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["name"], (await f.Admin.Post("/api/v1/posts", new { orgUnitId = w.D1, name = "会计", tier = "Other" }).Expect(HttpStatusCode.Conflict)).ErrorFields());
        Assert.Equal(["name"], (await f.Admin.Post("/api/v1/people", new { name = "", orgUnitId = w.D1 }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["postId"], (await f.Admin.Post("/api/v1/people", new { name = "某人", orgUnitId = w.D2, postId = w.P1 }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["appointedOn"], (await f.Admin.PostRaw("/api/v1/people", $$"""{"name":"某人","orgUnitId":{{w.D1}},"appointedOn":"2021-13-45"}""").Expect(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_person_with_an_account_cannot_be_deleted()
    {
        var w = await World.CreateAsync(f, "账号");
        var problem = await f.Admin.DeleteAsync($"/api/v1/people/{w.X1}").Expect(HttpStatusCode.Conflict);
        Assert.Contains("账号", problem.GetProperty("detail").GetString());
        var loner = await f.Admin.Post("/api/v1/people", new { name = "临时人员", orgUnitId = w.D2 }).Expect(HttpStatusCode.Created);
        await f.Admin.DeleteAsync($"/api/v1/people/{loner.Id()}").Expect(HttpStatusCode.NoContent);
        // a record that names the person keeps them, and the refusal says which (not a database conflict in general words)
        var kept = (await f.Admin.Post("/api/v1/people", new { name = "有档案人员", orgUnitId = w.D2 }).Expect(HttpStatusCode.Created)).Id();
        await f.Observer.Post($"/api/v1/people/{kept}/integrity-file/entries", new { type = "Income", content = "年收入 120000 元" }).Expect(HttpStatusCode.Created);
        var refused = await f.Admin.DeleteAsync($"/api/v1/people/{kept}").Expect(HttpStatusCode.Conflict);
        Assert.Contains("有廉政档案，人员记录须保留", refused.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await f.Admin.GetAsync($"/api/v1/people/{kept}")).StatusCode);
    }

    [Fact]
    public async Task The_employee_number_is_unique_kept_when_a_change_leaves_it_out_and_cleared_when_empty()
    {
        var w = await World.CreateAsync(f, "工号");
        var number = $"G{Guid.NewGuid():N}"[..12];
        var person = await f.Admin.Post("/api/v1/people", new { name = "钱工", orgUnitId = w.D1, employeeNumber = $" {number} " })
            .Expect(HttpStatusCode.Created);
        Assert.Equal(number, person.GetProperty("employeeNumber").GetString());
        var url = $"/api/v1/people/{person.Id()}";
        var other = await f.Admin.Post("/api/v1/people", new { name = "孙工", orgUnitId = w.D2 }).Expect(HttpStatusCode.Created);
        var otherUrl = $"/api/v1/people/{other.Id()}";
        var taken = await f.Admin.Put(otherUrl, new { name = "孙工", employeeNumber = number, version = await f.Admin.VersionAsync(otherUrl) })
            .Expect(HttpStatusCode.Conflict);
        Assert.Equal(["employeeNumber"], taken.ErrorFields());
        await f.Admin.Put(url, new { name = "钱工", title = "工程师", version = await f.Admin.VersionAsync(url) }).Expect(HttpStatusCode.OK);
        Assert.Equal(number, (await f.Admin.GetAsync(url).Expect(HttpStatusCode.OK)).GetProperty("employeeNumber").GetString());
        await f.Admin.Put(url, new { name = "钱工", employeeNumber = "", version = await f.Admin.VersionAsync(url) }).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonNull, (await f.Admin.GetAsync(url).Expect(HttpStatusCode.OK)).GetProperty("employeeNumber").ValueKind);
    }
}

[Collection("sqlite")] public sealed class PeopleApiTests_Sqlite(SqliteFixture f) : PeopleApiTests(f);
[Collection("postgres")] public sealed class PeopleApiTests_Postgres(PostgresFixture f) : PeopleApiTests(f);
