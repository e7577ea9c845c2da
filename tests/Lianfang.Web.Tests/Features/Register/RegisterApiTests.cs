using System.Net;
using System.Text.Json;
using Lianfang.Core.Register;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Register;

public abstract class RegisterApiTests(AppFixture f)
{
    private static object Point(string category, string description, string level, params string[] measures) => new
    {
        categoryCode = category, description, levelCode = level,
        measures = measures.Select(m => new { text = m, kind = "制度建设" }).ToArray(),
        supervision = new { basis = "《政府采购法》", focus = "采购程序", methods = new[] { "查阅资料", "实地走访" } },
        responsible = new { leader = "孙伟", department = "财务处", persons = new[] { "王芳" } },
    };

    private static async Task<int> OpenCampaign(HttpClient c, int root, string scheme = "shaoxing-2018", int year = 2026, int? from = null) =>
        (await c.Post("/api/v1/campaigns", new { name = $"{year}年度廉洁风险排查", year, schemeCode = scheme, rootOrgUnitId = root, deadline = $"{year}-05-31", carryForwardFromCampaignId = from })
            .Expect(HttpStatusCode.Created)).Id();

    private static async Task<List<JsonElement>> Lists(HttpClient c, int campaign) =>
        (await c.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

    [Fact]
    public async Task A_campaign_over_a_unit_with_three_posts_creates_their_lists()
    {
        var w = await World.CreateAsync(f, "三岗");
        var u = (await f.Admin.Post("/api/v1/org-units", new { name = "审计局", kind = "Unit", parentId = w.C }).Expect(HttpStatusCode.Created)).Id();
        var d = (await f.Admin.Post("/api/v1/org-units", new { name = "综合科", kind = "Department", parentId = u }).Expect(HttpStatusCode.Created)).Id();
        var posts = new List<int>();
        foreach (var (name, tier) in new[] { ("局长", "Leader"), ("综合科科长", "Middle"), ("科员", "Other") })
            posts.Add((await f.Admin.Post("/api/v1/posts", new { orgUnitId = name == "局长" ? u : d, name, tier }).Expect(HttpStatusCode.Created)).Id());
        await f.Admin.Post("/api/v1/people", new { name = "钱局长", orgUnitId = u, postId = posts[0] }).Expect(HttpStatusCode.Created);
        await f.Admin.Post("/api/v1/people", new { name = "李科长", orgUnitId = d, postId = posts[1] }).Expect(HttpStatusCode.Created);

        var campaign = await OpenCampaign(f.Observer, u);
        var lists = await Lists(f.Observer, campaign);
        Assert.Equal(posts.Order(), lists.Where(l => l.GetProperty("scope").GetString() == "Post").Select(l => l.GetProperty("postId").GetInt32()).Order());
        Assert.Single(lists, l => l.GetProperty("scope").GetString() == "Unit" && l.GetProperty("orgUnitId").GetInt32() == u);
        Assert.All(lists, l => Assert.Equal("Draft", l.GetProperty("status").GetString()));
        Assert.Single(lists, l => l.GetProperty("postId").ValueKind == JsonValueKind.Number && l.GetProperty("postId").GetInt32() == posts[2] && l.GetProperty("personId").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task The_holder_writes_points_that_then_show_in_the_list_register_and_search()
    {
        var w = await World.CreateAsync(f, "登记");
        var campaign = await OpenCampaign(await f.As(w.Users["party_office"]), w.U1);
        var own = (await Lists(f.Observer, campaign)).Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var staff = await f.As(w.Users["staff"]);
        await staff.Post($"/api/v1/lists/{own}/risk-points", Point("power", "在政府采购中倾向特定供应商，收受好处", "重 要", "1．严格执行采购程序", "2．采购结果公示")).Expect(HttpStatusCode.Created);
        await staff.Post($"/api/v1/lists/{own}/risk-points", Point("conduct", "报销审核把关不严", "general", "逐笔复核票据")).Expect(HttpStatusCode.Created);

        var list = await staff.GetAsync($"/api/v1/lists/{own}").Expect(HttpStatusCode.OK);
        var points = list.GetProperty("riskPoints").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal("important", points[0].GetProperty("levelCode").GetString());
        Assert.Equal(["查阅资料", "实地走访"], points[0].GetProperty("supervision").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("孙伟", points[0].GetProperty("responsible").GetProperty("leader").GetString());

        var principal = await f.As(w.Users["principal"]);
        async Task<int> Count(string query) => (await principal.GetAsync($"/api/v1/risk-points?orgUnitId={w.U1}&{query}").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        Assert.Equal(2, await Count($"campaignId={campaign}"));
        Assert.Equal(1, await Count("q=供应商"));
        Assert.Equal(1, await Count("q=采购结果公示"));      // inside a measure
        Assert.Equal(1, await Count("q=" + Uri.EscapeDataString("特定供应商")));
        Assert.Equal(0, await Count("q=无此内容的检索"));
        Assert.Equal(1, await Count("levelCode=important"));
        Assert.Equal(1, await Count("categoryCode=conduct"));
        Assert.Equal(2, await Count("tier=Other"));
        var byLevel = await principal.GetAsync($"/api/v1/lists/{own}/risk-points?sort=level").Expect(HttpStatusCode.OK);
        Assert.Equal("important", byLevel.GetProperty("items")[0].GetProperty("levelCode").GetString());
    }

    [Fact]
    public async Task Nobody_writes_another_persons_list()
    {
        var w = await World.CreateAsync(f, "代写");
        var campaign = await OpenCampaign(f.Observer, w.U1);
        var own = (await Lists(f.Observer, campaign)).Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        foreach (var role in new[] { "dept_head", "party_office", "principal" })
        {
            var problem = await (await f.As(w.Users[role])).Post($"/api/v1/lists/{own}/risk-points", Point("post", "代写的风险点", "general")).Expect(HttpStatusCode.Forbidden);
            Assert.Contains("不得代替撰写", problem.GetProperty("detail").GetString());
        }
        await (await f.As(w.Users["admin"])).Post($"/api/v1/lists/{own}/risk-points", Point("post", "代写的风险点", "general")).Expect(HttpStatusCode.NotFound); // sees no list at all
        var unitList = (await Lists(f.Observer, campaign)).Single(l => l.GetProperty("scope").GetString() == "Unit").Id();
        await (await f.As(w.Users["party_office"])).Post($"/api/v1/lists/{unitList}/risk-points", Point("decision", "重大事项决策不民主", "important")).Expect(HttpStatusCode.Created);
        await (await f.As(w.Users["staff"])).Post($"/api/v1/lists/{unitList}/risk-points", Point("decision", "越权填写", "important")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_points_name_the_field_and_save_nothing()
    {
        var w = await World.CreateAsync(f, "坏点");
        var campaign = await OpenCampaign(f.Observer, w.U1);
        var unitList = (await Lists(f.Observer, campaign)).Single(l => l.GetProperty("scope").GetString() == "Unit").Id();
        var office = await f.As(w.Users["party_office"]);
        Assert.Equal(["categoryCode"], (await office.Post($"/api/v1/lists/{unitList}/risk-points", Point("morality", "x", "general")).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["levelCode"], (await office.Post($"/api/v1/lists/{unitList}/risk-points", Point("post", "x", "level1")).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["description"], (await office.Post($"/api/v1/lists/{unitList}/risk-points", Point("post", "  ", "general")).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var kind = await office.Post($"/api/v1/lists/{unitList}/risk-points", new { categoryCode = "post", description = "x", levelCode = "general", measures = new[] { new { text = "x", kind = "乱写" } } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["measures[0].kind"], kind.ErrorFields());
        var total = (await office.GetAsync($"/api/v1/lists/{unitList}/risk-points").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32();
        Assert.Equal(0, total);

        // a list under review takes no new points
        await f.App.WithDbAsync(db => db.RiskLists.Where(l => l.Id == unitList).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, ListStatus.InReview)));
        var locked = await office.Post($"/api/v1/lists/{unitList}/risk-points", Point("post", "审核中追加", "general")).Expect(HttpStatusCode.Conflict);
        Assert.Contains("审核中", locked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Next_years_campaign_carries_points_forward_and_shows_what_changed()
    {
        var w = await World.CreateAsync(f, "动态");
        var office = await f.As(w.Users["party_office"]);
        var first = await OpenCampaign(office, w.U1, year: 2025);
        var unitList = (await Lists(office, first)).Single(l => l.GetProperty("scope").GetString() == "Unit").Id();
        foreach (var d in new[] { "决策程序不规范", "公车私用", "会议费超标" })
            await office.Post($"/api/v1/lists/{unitList}/risk-points", Point("decision", d, "general")).Expect(HttpStatusCode.Created);

        var second = await OpenCampaign(office, w.U1, year: 2026, from: first);
        var newList = (await Lists(office, second)).Single(l => l.GetProperty("scope").GetString() == "Unit").Id();
        var carried = (await office.GetAsync($"/api/v1/lists/{newList}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray().ToList();
        Assert.Equal(["决策程序不规范", "公车私用", "会议费超标"], carried.Select(p => p.GetProperty("description").GetString()));

        var raised = carried[1];
        var raisedEdit = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(Point("decision", "公车私用", "important")))!;
        raisedEdit["version"] = raised.GetProperty("version").GetInt32();
        await office.Put($"/api/v1/lists/{newList}/risk-points/{raised.GetProperty("id").GetInt64()}", raisedEdit).Expect(HttpStatusCode.OK);
        await office.DeleteAsync($"/api/v1/lists/{newList}/risk-points/{carried[2].GetProperty("id").GetInt64()}").Expect(HttpStatusCode.NoContent);
        await office.Post($"/api/v1/lists/{newList}/risk-points", Point("conduct", "违规收受礼品礼金", "important")).Expect(HttpStatusCode.Created);

        var changes = (await office.GetAsync($"/api/v1/campaigns/{second}/changes").Expect(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(
                c => (c.GetProperty("current").ValueKind == JsonValueKind.Null ? c.GetProperty("previous") : c.GetProperty("current")).GetProperty("description").GetString()!,
                c => $"{c.GetProperty("kind").GetString()}{(c.GetProperty("levelChanged").GetBoolean() ? " 等级变化" : "")}");
        Assert.Equal(new Dictionary<string, string>
        {
            ["决策程序不规范"] = "Unchanged", ["公车私用"] = "Changed 等级变化", ["会议费超标"] = "Retired", ["违规收受礼品礼金"] = "Added",
        }, changes);

        var wrongScheme = await office.Post("/api/v1/campaigns", new { name = "换方案", year = 2027, schemeCode = "sanjiang-2019", rootOrgUnitId = w.U1, deadline = "2027-05-31", carryForwardFromCampaignId = second })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["carryForwardFromCampaignId"], wrongScheme.ErrorFields());
    }

    [Fact]
    public async Task Lists_and_points_stay_inside_scope()
    {
        var w = await World.CreateAsync(f, "清单域");
        var other = await f.OtherWorldAsync();
        var campaign = await OpenCampaign(f.Observer, w.U1);
        var lists = await Lists(f.Observer, campaign);
        var own = lists.Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var unitList = lists.Single(l => l.GetProperty("scope").GetString() == "Unit").Id();

        var staff = await f.As(w.Users["staff"]);
        Assert.Equal([own], (await Lists(staff, campaign)).Select(l => l.Id()));
        await staff.GetAsync($"/api/v1/lists/{unitList}").Expect(HttpStatusCode.NotFound);
        await (await f.As(other.Users["principal"])).GetAsync($"/api/v1/lists/{own}").Expect(HttpStatusCode.NotFound);
        await (await f.As(other.Users["commission"])).GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.NotFound);
        await (await f.As(w.Users["agency"])).GetAsync($"/api/v1/lists/{own}").Expect(HttpStatusCode.OK);
        await (await f.As(w.Users["principal"])).Post("/api/v1/campaigns", new { name = "越权排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Forbidden);
        await (await f.As(w.Users["party_office"])).Post("/api/v1/campaigns", new { name = "越界排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U2, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.BadRequest);
    }
}

[Collection("sqlite")] public sealed class RegisterApiTests_Sqlite(SqliteFixture f) : RegisterApiTests(f);
[Collection("postgres")] public sealed class RegisterApiTests_Postgres(PostgresFixture f) : RegisterApiTests(f);
