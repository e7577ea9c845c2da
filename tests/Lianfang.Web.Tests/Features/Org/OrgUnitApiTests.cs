using System.Net;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Org;

public abstract class OrgUnitApiTests(AppFixture f)
{
    private async Task<int> Create(string name, string kind, int? parentId, int[]? supervises = null) =>
        (await f.Admin.Post("/api/v1/org-units", new { name, kind, parentId, supervises }).Expect(HttpStatusCode.Created)).Id();

    private static string Unique(string s) => $"{s}{Guid.NewGuid().ToString("N")[..5]}";

    [Fact]
    public async Task Admin_builds_commission_unit_department_post_person_and_user()
    {
        var c = await Create(Unique("绍兴市纪委监委"), "Commission", null);
        var u = await Create("市卫生健康委员会", "Unit", c);
        var d = await Create("财务处", "Department", u);
        var post = await f.Admin.Post("/api/v1/posts", new { orgUnitId = d, name = "财务处处长", tier = "Middle", duties = "预算和资金管理", integrityDuties = "一岗双责" })
            .Expect(HttpStatusCode.Created);
        var person = await f.Admin.Post("/api/v1/people", new { name = "赵强", title = "处长", orgUnitId = d, postId = post.Id(), appointedOn = "2021-03-01" })
            .Expect(HttpStatusCode.Created);
        var user = await f.CreateUser(new { userName = Unique("zhaoqiang"), password = LianfangApp.Password, personId = person.Id(), grants = new[] { new { role = "dept_head", orgUnitId = d } } })
            .Expect(HttpStatusCode.Created);
        Assert.True(user.Id() > 0);

        var unit = await f.Admin.GetAsync($"/api/v1/org-units/{d}").Expect(HttpStatusCode.OK);
        Assert.Equal("财务处", unit.GetProperty("name").GetString());
        Assert.Equal("Department", unit.GetProperty("kind").GetString());
        Assert.Equal(u, unit.GetProperty("parentId").GetInt32());
        var p = await f.Admin.GetAsync($"/api/v1/people/{person.Id()}").Expect(HttpStatusCode.OK);
        Assert.Equal(post.Id(), p.GetProperty("postId").GetInt32());
        Assert.Equal("2021-03-01", p.GetProperty("posts")[0].GetProperty("from").GetString());
        var posts = await f.Admin.GetAsync($"/api/v1/org-units/{d}/posts").Expect(HttpStatusCode.OK);
        Assert.Equal("Middle", posts[0].GetProperty("tier").GetString());
    }

    [Fact]
    public async Task An_agency_names_the_units_it_supervises()
    {
        var c = await Create(Unique("纪委"), "Commission", null);
        var u1 = await Create("卫健委", "Unit", c);
        var u2 = await Create("财政局", "Unit", c);
        var a = await Create("派驻第一纪检监察组", "Agency", c, [u1, u2]);
        var agency = await f.Admin.GetAsync($"/api/v1/org-units/{a}").Expect(HttpStatusCode.OK);
        Assert.Equal([u1, u2], agency.GetProperty("supervises").EnumerateArray().Select(e => e.GetInt32()).Order());

        var notAgency = await f.Admin.Post("/api/v1/org-units", new { name = "医院", kind = "Unit", parentId = u1, supervises = new[] { u2 } }).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("supervises", notAgency.ErrorFields());
    }

    [Fact]
    public async Task Unknown_parent_is_refused_naming_parentId()
    {
        var problem = await f.Admin.Post("/api/v1/org-units", new { name = "某处", kind = "Department", parentId = 987654 }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["parentId"], problem.ErrorFields());
        Assert.Contains("上级机构不存在", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Duplicate_name_under_one_parent_is_a_conflict_but_fine_elsewhere()
    {
        var c = await Create(Unique("纪委"), "Commission", null);
        var u1 = await Create("卫健委", "Unit", c);
        var u2 = await Create("财政局", "Unit", c);
        await Create("办公室", "Department", u1);
        var dup = await f.Admin.Post("/api/v1/org-units", new { name = " 办公室 ", kind = "Department", parentId = u1 }).Expect(HttpStatusCode.Conflict);
        Assert.Equal(["name"], dup.ErrorFields());
        Assert.Contains("办公室", dup.GetProperty("detail").GetString());
        await Create("办公室", "Department", u2);
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_child_is_a_conflict_and_changes_nothing()
    {
        var c = await Create(Unique("纪委"), "Commission", null);
        var u = await Create("卫健委", "Unit", c);
        var hospital = await Create("人民医院", "Unit", u);
        var problem = await f.Admin.Put($"/api/v1/org-units/{u}", new { name = "卫健委", kind = "Unit", parentId = hospital, version = await f.Admin.VersionAsync($"/api/v1/org-units/{u}") }).Expect(HttpStatusCode.Conflict);
        Assert.Equal(["parentId"], problem.ErrorFields());
        Assert.Contains("循环", problem.GetProperty("detail").GetString());
        var after = await f.Admin.GetAsync($"/api/v1/org-units/{u}").Expect(HttpStatusCode.OK);
        Assert.Equal(c, after.GetProperty("parentId").GetInt32());
    }

    [Fact]
    public async Task Moving_a_unit_carries_its_subtree_and_scope_follows()
    {
        var w = await World.CreateAsync(f, "搬迁");
        await f.Admin.Put($"/api/v1/org-units/{w.D1}", new { name = "财务处", kind = "Department", parentId = w.U2, version = await f.Admin.VersionAsync($"/api/v1/org-units/{w.D1}") }).Expect(HttpStatusCode.OK);
        var principalOfU1 = await f.As(w.Users["principal"]);
        await principalOfU1.GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.NotFound);
        await principalOfU1.GetAsync($"/api/v1/people/{w.X1}").Expect(HttpStatusCode.NotFound);
        var moved = await f.Admin.GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.OK);
        Assert.Equal(w.U2, moved.GetProperty("parentId").GetInt32());
    }

    [Fact]
    public async Task A_unit_with_people_cannot_be_deleted_and_an_empty_one_can()
    {
        var w = await World.CreateAsync(f, "删除");
        await f.Admin.DeleteAsync($"/api/v1/posts/{w.P1}").Expect(HttpStatusCode.Conflict);
        var problem = await f.Admin.DeleteAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.Conflict);
        Assert.Contains("人员", problem.GetProperty("detail").GetString());
        var children = await f.Admin.DeleteAsync($"/api/v1/org-units/{w.U2}").Expect(HttpStatusCode.Conflict);
        Assert.Contains("下级机构", children.GetProperty("detail").GetString());
        await f.Admin.GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.OK);

        var empty = await Create("临时专班", "Department", w.U1);
        await f.Admin.DeleteAsync($"/api/v1/org-units/{empty}").Expect(HttpStatusCode.NoContent);
        await f.Admin.GetAsync($"/api/v1/org-units/{empty}").Expect(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"某处","kind":"Office","parentId":1}""", "kind")]
    [InlineData("""{"name":"某处","kind":"Department","parentId":"abc"}""", "parentId")]
    [InlineData("""{"name":["x"],"kind":"Department"}""", "name")]
    [InlineData("""{"name":"某处","kind":"Department""", "body")]
    public async Task Wrong_types_get_400_naming_the_field(string json, string field)
    {
        var problem = await f.Admin.PostRaw("/api/v1/org-units", json).Expect(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal("请求数据有误", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Missing_name_or_kind_or_a_wrong_nesting_is_refused()
    {
        var c = await Create(Unique("纪委"), "Commission", null);
        Assert.Equal(["name"], (await f.Admin.Post("/api/v1/org-units", new { name = "  ", kind = "Unit", parentId = c }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["kind"], (await f.Admin.Post("/api/v1/org-units", new { name = "某局", parentId = c }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var d = await Create("办公室", "Department", c);
        var nested = await f.Admin.Post("/api/v1/org-units", new { name = "某局", kind = "Unit", parentId = d }).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("处室/科室下不能设立单位", nested.GetProperty("detail").GetString());
        Assert.Equal(["kind"], (await f.Admin.Post("/api/v1/org-units", new { name = "某局", kind = "Unit" }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_unit_keeps_its_duties_and_its_head_a_person_of_its_own_subtree()
    {
        var w = await World.CreateAsync(f, "职责");
        async Task<HttpResponseMessage> Save(int unit, string name, string kind, int parent, object? head) => await f.Admin.Put($"/api/v1/org-units/{unit}", new
        {
            name, kind, parentId = parent, version = await f.Admin.VersionAsync($"/api/v1/org-units/{unit}"),
            duties = "负责本单位财务管理和会计核算", integrityDuties = "落实党风廉政建设“一岗双责”", headPersonId = head,
        });
        var saved = await Save(w.D1, "财务处" + "职责", "Department", w.U1, w.X1).Expect(HttpStatusCode.OK);
        Assert.Equal(("负责本单位财务管理和会计核算", "落实党风廉政建设“一岗双责”", w.X1),
            (saved.GetProperty("duties").GetString(), saved.GetProperty("integrityDuties").GetString(), saved.GetProperty("headPersonId").GetInt32()));
        // 吴军 works in another unit's department: not a head of 财务处
        Assert.Equal(["headPersonId"], (await Save(w.D1, "财务处职责", "Department", w.U1, w.X2).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var kept = await f.Admin.GetAsync($"/api/v1/org-units/{w.D1}").Expect(HttpStatusCode.OK);
        Assert.Equal(w.X1, kept.GetProperty("headPersonId").GetInt32());
        // a unit names its 主要负责人 from anywhere in its subtree (王芳 works in its 财务处)
        await f.Admin.Put($"/api/v1/org-units/{w.U1}", new { name = "卫健委职责", kind = "Unit", parentId = w.C, version = await f.Admin.VersionAsync($"/api/v1/org-units/{w.U1}"),
            duties = "卫生健康行政管理", headPersonId = w.X1 }).Expect(HttpStatusCode.OK);
        Assert.Equal("卫生健康行政管理", (await f.Admin.GetAsync($"/api/v1/org-units/{w.U1}").Expect(HttpStatusCode.OK)).GetProperty("duties").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_refused_instead_of_overwriting()
    {
        var c = await Create(Unique("纪委"), "Commission", null);
        var u = await Create("卫健委", "Unit", c);
        var v0 = (await f.Admin.GetAsync($"/api/v1/org-units/{u}").Expect(HttpStatusCode.OK)).GetProperty("version").GetInt32();
        await f.Admin.Put($"/api/v1/org-units/{u}", new { name = "市卫健委", kind = "Unit", parentId = c, version = v0 }).Expect(HttpStatusCode.OK);
        await f.Admin.Put($"/api/v1/org-units/{u}", new { name = "卫生健康委", kind = "Unit", parentId = c, version = v0 }).Expect(HttpStatusCode.Conflict);
        Assert.Equal("市卫健委", (await f.Admin.GetAsync($"/api/v1/org-units/{u}").Expect(HttpStatusCode.OK)).GetProperty("name").GetString());
    }
}

[Collection("sqlite")] public sealed class OrgUnitApiTests_Sqlite(SqliteFixture f) : OrgUnitApiTests(f);
[Collection("postgres")] public sealed class OrgUnitApiTests_Postgres(PostgresFixture f) : OrgUnitApiTests(f);
