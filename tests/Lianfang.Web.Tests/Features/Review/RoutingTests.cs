using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Review;

/// <summary>
/// Every post's list reaches its reviewers: a stage nobody but the holder could decide is passed over (and written down),
/// nobody decides a stage of their own list, and a list with nobody left above the holder goes up to the agency.
/// </summary>
public abstract class RoutingTests(AppFixture f)
{
    /// <summary>卫健委 with its 主任 (principal), 副主任 (leader in charge of 财务处) and 财务处处长 (department head), each with an account.</summary>
    private sealed record Leaders(World W, Dictionary<string, (int Post, int Person, string User)> People);

    private async Task<Leaders> LeadersAsync(string label)
    {
        var w = await World.CreateAsync(f, label);
        await WrittenList.LeaderAsync(f, w);
        var people = new Dictionary<string, (int, int, string)>();
        async Task Add(string key, int unit, string post, string tier, string name, string role, int grantAt)
        {
            var p = (await f.Admin.Post("/api/v1/posts", new { orgUnitId = unit, name = post, tier, duties = post + "职责" }).Expect(HttpStatusCode.Created)).Id();
            var x = (await f.Admin.Post("/api/v1/people", new { name, title = post, orgUnitId = unit, postId = p }).Expect(HttpStatusCode.Created)).Id();
            var user = $"r{Guid.NewGuid().ToString("N")[..8]}.{key}";
            if (role == "principal")
            {
                // the unit has one principal: the world's account becomes 陈刚's
                user = w.Users["principal"];
                await f.App.WithDbAsync(db => db.Users.Where(u => u.UserName == user).ExecuteUpdateAsync(set => set.SetProperty(u => u.PersonId, x)));
            }
            else
                await f.CreateUser(new { userName = user, password = LianfangApp.Password, personId = x, grants = new[] { new { role, orgUnitId = grantAt } } })
                    .Expect(HttpStatusCode.Created);
            people[key] = (p, x, user);
        }
        await Add("chief", w.U1, "主任", "Leader", "陈刚", "principal", w.U1);
        await Add("deputy", w.U1, "副主任", "Leader", "孙伟", "leader_in_charge", w.D1);
        await Add("head", w.D1, "财务处处长", "Middle", "赵强", "dept_head", w.D1);
        return new Leaders(w, people);
    }

    private async Task<int> OpenAsync(World w, string scheme) =>
        (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = scheme, rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();

    private async Task<int> ListOfAsync(int campaign, int person) =>
        (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == person).Id();

    private async Task<string?> StageAsync(int list) => (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString();

    private async Task WriteAndSubmitAsync(string user, int list)
    {
        var c = await f.As(user);
        await c.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "decision", description = "“三重一大”事项个人说了算", levelCode = "important",
            measures = new[] { new { text = "提交党委会集体研究" } }, supervision = WrittenList.Supervision, responsible = WrittenList.Responsible, elementsChecked = true }).Expect(HttpStatusCode.Created);
        await c.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
    }

    private async Task ApproveAsync(string user, int list) =>
        await (await f.As(user)).Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve("同意")).Expect(HttpStatusCode.OK);

    private async Task<List<JsonElement>> HistoryAsync(int list) =>
        (await f.Observer.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

    [Fact]
    public async Task A_leader_in_charge_list_directly_under_the_unit_skips_the_department_and_own_stage_and_goes_to_the_principal()
    {
        var l = await LeadersAsync("副主任");
        var campaign = await OpenAsync(l.W, "shaoxing-2018");
        var list = await ListOfAsync(campaign, l.People["deputy"].Person);
        await WriteAndSubmitAsync(l.People["deputy"].User, list);
        Assert.Equal("principal", await StageAsync(list));
        // nobody acts on their own list, and the department's head has no stage here
        await (await f.As(l.People["deputy"].User)).Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.Forbidden);
        await ApproveAsync(l.People["chief"].User, list);
        await ApproveAsync(l.W.Users["agency"], list);
        var state = await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK);
        Assert.Equal("Approved", state.GetProperty("status").GetString());
        var history = await HistoryAsync(list);
        Assert.Equal(["Submit", "Skip", "Skip", "Approve", "Approve"], history.Select(h => h.GetProperty("decision").GetString()));
        Assert.Equal(["处室负责人把关", "分管领导把关"], history.Where(h => h.GetProperty("decision").GetString() == "Skip").Select(h => h.GetProperty("stageName").GetString()));
        Assert.All(history.Where(h => h.GetProperty("decision").GetString() == "Skip"), h => Assert.Equal(JsonValueKind.Null, h.GetProperty("verificationCode").ValueKind));
        Assert.All(history.Where(h => h.GetProperty("verificationCode").ValueKind == JsonValueKind.String), h => Assert.Equal("valid", h.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_principal_list_goes_past_every_stage_of_the_unit_to_the_agency()
    {
        var l = await LeadersAsync("主任");
        var campaign = await OpenAsync(l.W, "shaoxing-2018");
        var list = await ListOfAsync(campaign, l.People["chief"].Person);
        await WriteAndSubmitAsync(l.People["chief"].User, list);
        Assert.Equal("agency", await StageAsync(list));
        await (await f.As(l.People["chief"].User)).Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.Forbidden);
        await ApproveAsync(l.W.Users["agency"], list);
        Assert.Equal(["Submit", "Skip", "Skip", "Skip", "Approve"], (await HistoryAsync(list)).Select(h => h.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task A_department_head_does_not_approve_his_own_list()
    {
        var l = await LeadersAsync("处长");
        var campaign = await OpenAsync(l.W, "shaoxing-2018");
        var list = await ListOfAsync(campaign, l.People["head"].Person);
        await WriteAndSubmitAsync(l.People["head"].User, list);
        // The world's other 财务处 head account could take the stage; without it the list would go on to the leader.
        Assert.Equal("dept_head", await StageAsync(list));
        await (await f.As(l.People["head"].User)).Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.Forbidden);
        var inbox = await (await f.As(l.People["head"].User)).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(inbox.EnumerateArray(), i => i.GetProperty("listId").ValueKind == System.Text.Json.JsonValueKind.Number && i.GetProperty("listId").GetInt32() == list);
        await ApproveAsync(l.W.Users["dept_head"], list);
        Assert.Equal("leader", await StageAsync(list));
    }

    [Fact]
    public async Task A_principal_own_registration_form_in_sanjiang_goes_up_to_the_agency_which_approves_its_levels()
    {
        var l = await LeadersAsync("院长");
        var campaign = await OpenAsync(l.W, "sanjiang-2019");
        var list = await ListOfAsync(campaign, l.People["chief"].Person);
        var chief = await f.As(l.People["chief"].User);
        var point = (await chief.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "duty", description = "干部选拔任用中个人说了算", levelCode = "level2" })
            .Expect(HttpStatusCode.Created)).Id();
        await chief.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        Assert.Equal("oversight", await StageAsync(list));
        await chief.Post($"/api/v1/lists/{list}/review", Lianfang.Web.Tests.Features.Review.WrittenList.Approve()).Expect(HttpStatusCode.Forbidden);
        await (await f.As(l.W.Users["agency"])).Post($"/api/v1/lists/{list}/review",
            new { decision = "approve", checkedItems = Lianfang.Web.Tests.Features.Review.WrittenList.FiveItems, levels = new[] { new { pointId = point, levelCode = "level1", reason = "涉及“三重一大”" } } }).Expect(HttpStatusCode.OK);
        var state = await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK);
        Assert.Equal("Approved", state.GetProperty("status").GetString());
        Assert.Equal("level1", state.GetProperty("riskPoints")[0].GetProperty("approvedLevelCode").GetString());
        var history = await HistoryAsync(list);
        Assert.Equal(["岗位自评", "单位负责人审核", "上级审核（本人回避）"], history.Select(h => h.GetProperty("stageName").GetString()));
        Assert.Equal(["amended", "valid"], history.Where(h => h.GetProperty("verificationCode").ValueKind == JsonValueKind.String).Select(h => h.GetProperty("status").GetString()));
    }
}

[Collection("sqlite")] public sealed class RoutingTests_Sqlite(SqliteFixture f) : RoutingTests(f);
[Collection("postgres")] public sealed class RoutingTests_Postgres(PostgresFixture f) : RoutingTests(f);
