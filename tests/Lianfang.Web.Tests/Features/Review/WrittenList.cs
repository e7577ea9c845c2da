using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Review;

/// <summary>A shaoxing-2018 campaign over 卫健委 and 王芳's own post list with one 重要 and one 一般 point, each with its five items.</summary>
public sealed record WrittenList(World W, int Campaign, int List)
{
    /// <summary>The list's 重要 point (a written list has one).</summary>
    public async Task<long> ImportantPointAsync(AppFixture f) =>
        (await f.Observer.GetAsync($"/api/v1/lists/{List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray()
            .Single(p => p.GetProperty("levelCode").GetString() == "important").GetProperty("id").GetInt64();

    public static readonly string[] Reviewers = ["dept_head", "leader_in_charge", "principal", "agency"];

    /// <summary>What the agency confirms one by one at 派驻机构审核 (000: 五项内容逐一审核把关).</summary>
    public static readonly string[] FiveItems = ["description", "measures", "supervision", "level", "responsible"];

    /// <summary>An approval; at the agency's stage of a shaoxing list it carries the five items confirmed.</summary>
    public static object Approve(string? comment = null) => new { decision = "approve", comment, checkedItems = FiveItems };

    /// <summary>赵强 and 孙伟, people of 卫健委 (in 办公室, so nobody in 财务处 gains a colleague), named as 责任领导: the ResponsibleLeader rule takes only people of the unit.</summary>
    public static Task LeaderAsync(AppFixture f, World w) => LeaderAsync(f.Admin, w);

    public static async Task LeaderAsync(HttpClient admin, World w)
    {
        foreach (var (name, title) in new[] { ("赵强", "处长"), ("孙伟", "副主任") })
            await admin.Post("/api/v1/people", new { name, title, orgUnitId = w.D2 }).Expect(HttpStatusCode.Created);
    }

    /// <summary>A shaoxing point with all five items (描述、措施、监督检查路径、等级、责任人).</summary>
    public static object Point(string category, string description, string level) => new
    {
        categoryCode = category, description, levelCode = level, measures = new[] { new { text = "双人复核" } }, supervision = Supervision, responsible = Responsible,
        elementsChecked = true,
    };

    /// <summary>The items a shaoxing point carries besides its description, category and level.</summary>
    public static readonly object Supervision = new { basis = "《政府采购法》", focus = "采购程序", methods = new[] { "查阅资料" } };
    public static readonly object Responsible = new { leader = "赵强", department = "财务处", persons = new[] { "王芳" } };

    public static async Task<WrittenList> CreateAsync(AppFixture f, string label)
    {
        var w = await World.CreateAsync(f, label);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-05-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var list = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        await LeaderAsync(f, w);
        var staff = await f.As(w.Users["staff"]);
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "power", description = "资金拨付中优亲厚友", levelCode = "important", measures = new[] { new { text = "拨付双人复核" } },
            supervision = Supervision, responsible = Responsible, elementsChecked = true }).Expect(HttpStatusCode.Created);
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "conduct", description = "报销把关不严", levelCode = "general", measures = new[] { new { text = "票据逐笔复核" } },
            supervision = Supervision, responsible = Responsible, elementsChecked = true }).Expect(HttpStatusCode.Created);
        return new WrittenList(w, campaign, list);
    }

    /// <summary>Published (公示) by the party office from today + <paramref name="from"/> to today + <paramref name="until"/> days.</summary>
    public static async Task PublishAsync(AppFixture f, WrittenList s, int from = 0, int until = 30) =>
        await (await f.As(s.W.Users["party_office"])).Post($"/api/v1/lists/{s.List}/publish", new { from = f.App.Day(from), until = f.App.Day(until) })
            .Expect(HttpStatusCode.OK);

    /// <summary>Submitted by its holder and approved through all four stages.</summary>
    public static async Task<WrittenList> ApprovedAsync(AppFixture f, string label)
    {
        var s = await CreateAsync(f, label);
        await (await f.As(s.W.Users["staff"])).PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);
        foreach (var role in Reviewers)
            await (await f.As(s.W.Users[role])).Post($"/api/v1/lists/{s.List}/review", Approve()).Expect(HttpStatusCode.OK);
        return s;
    }

    /// <summary>卫健委's 领导小组: 张局 heads it, 李敏 (an account of her own) is its office; returns her client.</summary>
    public static async Task<HttpClient> GroupOfficeAsync(AppFixture f, World w)
    {
        var head = (await f.Admin.Post("/api/v1/people", new { name = "张局", orgUnitId = w.U1 }).Expect(HttpStatusCode.Created)).Id();
        var clerk = (await f.Admin.Post("/api/v1/people", new { name = "李敏", orgUnitId = w.D2 }).Expect(HttpStatusCode.Created)).Id();
        var user = $"g{w.Tag[^6..]}.office";
        await f.CreateUser(new { userName = user, password = LianfangApp.Password, personId = clerk, grants = new[] { new { role = "staff", orgUnitId = w.D2 } } })
            .Expect(HttpStatusCode.Created);
        await (await f.As(w.Users["party_office"])).Put($"/api/v1/org-units/{w.U1}/leading-group", new
        {
            members = new object[] { new { personId = head, duty = "Head" }, new { personId = clerk, duty = "Office" } },
        }).Expect(HttpStatusCode.OK);
        return await f.As(user);
    }
}
