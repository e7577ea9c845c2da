using System.Net;
using System.Text.Json;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Review;

/// <summary>Stages decided by the people the seeds name: colleagues, the paired department, invited helpers, the agency's 协查, the leading group.</summary>
public abstract class ReviewBodiesTests(AppFixture f)
{
    /// <summary>王芳's own list (or, with <paramref name="department"/>, 财务处's list signed row by row by her) written and submitted.</summary>
    private async Task<(World W, int Campaign, int List)> SubmittedAsync(string label, string scheme, Func<World, Task>? before = null, bool department = false)
    {
        var w = await World.CreateAsync(f, label);
        await WrittenList.LeaderAsync(f, w);
        if (before is not null) await before(w);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = scheme, rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var id = department ? lists.First(l => l.GetProperty("scope").GetString() == "Department" && l.GetProperty("orgUnitId").GetInt32() == w.D1).Id()
            : lists.Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var writer = await f.As(department ? w.Users["dept_head"] : w.Users["staff"]);
        await writer.Post($"/api/v1/lists/{id}/risk-points", new { categoryCode = department ? "power" : "duty", description = "报销审核不严",
            levelCode = scheme.StartsWith("shaoxing") ? "general" : "level3", responsible = new { leader = "孙伟", persons = new[] { "王芳" } }, elementsChecked = true }).Expect(HttpStatusCode.Created);
        if (department) await (await f.As(w.Users["staff"])).PostAsync($"/api/v1/lists/{id}/row-signatures", null).Expect(HttpStatusCode.OK);
        await writer.PostAsync($"/api/v1/lists/{id}/submit", null).Expect(HttpStatusCode.OK);
        return (w, campaign, id);
    }

    private async Task<int> PersonWithAccountAsync(World w, int orgUnit, string name, string userName, string? role = null, int? grantAt = null)
    {
        var person = (await f.Admin.Post("/api/v1/people", new { name, title = "科员", orgUnitId = orgUnit }).Expect(HttpStatusCode.Created)).Id();
        await f.CreateUser(new { userName, password = LianfangApp.Password, personId = person, grants = new[] { new { role = role ?? "staff", orgUnitId = grantAt ?? orgUnit } } })
            .Expect(HttpStatusCode.Created);
        return person;
    }

    private static Task<HttpResponseMessage> Approve(HttpClient c, int list, object? meeting = null) => c.Post($"/api/v1/lists/{list}/review", new { decision = "approve", checkedItems = Lianfang.Web.Tests.Features.Review.WrittenList.FiveItems, meeting });

    [Fact]
    public async Task A_colleague_of_the_department_checks_a_personal_list_in_longsheng_and_nobody_else_sees_it()
    {
        var colleague = $"c{Guid.NewGuid().ToString("N")[..6]}.colleague";
        var stranger = $"c{Guid.NewGuid().ToString("N")[..6]}.stranger";
        var (w, _, list) = await SubmittedAsync("帮查", "longsheng-2012", async w =>
        {
            await PersonWithAccountAsync(w, w.D1, "李明", colleague);
            await PersonWithAccountAsync(w, w.D2, "钱七", stranger);
        });
        Assert.Equal("peers", (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString());
        await Approve(await f.As(stranger), list).Expect(HttpStatusCode.NotFound);          // another department does not even see it
        await Approve(await f.As(w.Users["party_office"]), list).Expect(HttpStatusCode.Forbidden); // nor does the party office decide it
        await Approve(await f.As(w.Users["staff"]), list).Expect(HttpStatusCode.Forbidden);         // nor the holder
        var inbox = await (await f.As(colleague)).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK);
        Assert.Contains(inbox.EnumerateArray(), i => i.GetProperty("listId").GetInt32() == list && i.GetProperty("task").GetString() == "审核：科室其他人员帮查");
        await (await f.As(colleague)).GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK);
        await Approve(await f.As(colleague), list).Expect(HttpStatusCode.OK);
        Assert.Equal("dept_head", (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString());
        await (await f.As(colleague)).GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.NotFound); // read only while it waits for them
    }

    [Fact]
    public async Task The_leading_group_decides_in_a_meeting_its_head_signs_and_waits_until_the_unit_sets_it_up()
    {
        var (w, _, list) = await SubmittedAsync("领导小组", "lianyun-finance");
        var head = $"g{Guid.NewGuid().ToString("N")[..6]}.head";
        var chief = await PersonWithAccountAsync(w, w.U1, "张茂彬", head, "principal", w.U1);
        var members = new List<int>();
        for (var i = 0; i < 3; i++) members.Add((await f.Admin.Post("/api/v1/people", new { name = $"成员{i}", orgUnitId = w.U1 }).Expect(HttpStatusCode.Created)).Id());
        // 交叉互查 by the paired department (办公室 checks 财务处), then 群众评议 heard and closed by the party office
        var pairs = (await (await f.As(w.Users["party_office"])).GetAsync($"/api/v1/campaigns/{(await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("campaignId").GetInt32()}/peer-pairs")
            .Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Contains(pairs, p => p.GetProperty("orgUnitId").GetInt32() == w.D1 && p.GetProperty("peerOrgUnitId").GetInt32() == w.D2);
        await Approve(await f.As(w.Users["dept_head"]), list).Expect(HttpStatusCode.OK); // 单位检查 by 财务处's head
        await Approve(await f.As(w.Users["dept_head"]), list).Expect(HttpStatusCode.Forbidden); // 交叉互查 is not his own department's to do
        var office = $"g{Guid.NewGuid().ToString("N")[..6]}.office2";
        await f.CreateUser(new { userName = office, password = LianfangApp.Password, grants = new[] { new { role = "dept_head", orgUnitId = w.D2 } } }).Expect(HttpStatusCode.Created);
        await Approve(await f.As(office), list).Expect(HttpStatusCode.OK);
        var closing = await Approve(await f.As(w.Users["party_office"]), list).Expect(HttpStatusCode.Conflict);
        Assert.Contains("还没有收到受邀人员的意见", closing.GetProperty("detail").GetString());
        await (await f.As(w.Users["party_office"])).Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Created);
        await (await f.As(w.Users["helper"])).Post($"/api/v1/lists/{list}/comments", new { comment = "群众反映报销周期长" }).Expect(HttpStatusCode.Created);
        await Approve(await f.As(w.Users["party_office"]), list).Expect(HttpStatusCode.OK);

        // 领导小组确认: nobody yet
        var waiting = await Approve(await f.As(head), list).Expect(HttpStatusCode.Forbidden);
        Assert.Contains("尚未设立廉政风险防控领导小组", waiting.GetProperty("detail").GetString());
        var badGroup = await (await f.As(w.Users["party_office"])).Put($"/api/v1/org-units/{w.U1}/leading-group", new { members = new[] { new { personId = members[0], duty = "Member" } } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("组长", badGroup.GetProperty("detail").GetString());
        await (await f.As(w.Users["staff"])).Put($"/api/v1/org-units/{w.U1}/leading-group", new { members = new[] { new { personId = chief, duty = "Head" } } })
            .Expect(HttpStatusCode.NotFound);
        var outsider = (await f.Admin.Post("/api/v1/people", new { name = "外单位人员", orgUnitId = w.U2 }).Expect(HttpStatusCode.Created)).Id();
        Assert.Equal(["members[1].personId"], (await (await f.As(w.Users["party_office"])).Put($"/api/v1/org-units/{w.U1}/leading-group",
            new { members = new[] { new { personId = chief, duty = "Head" }, new { personId = outsider, duty = "Member" } } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var group = await (await f.As(w.Users["party_office"])).Put($"/api/v1/org-units/{w.U1}/leading-group", new
        {
            members = new[] { new { personId = chief, duty = "Head" } }.Concat(members.Select(m => new { personId = m, duty = "Member" })).ToArray(),
        }).Expect(HttpStatusCode.OK);
        Assert.Equal(4, group.GetArrayLength());

        await Approve(await f.As(w.Users["principal"]), list, new { attendees = new[] { chief } }).Expect(HttpStatusCode.Forbidden); // the unit's other principal account is not the group's head
        Assert.Equal(["meeting.attendees"], (await Approve(await f.As(head), list).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("半数", (await Approve(await f.As(head), list, new { attendees = new[] { chief, members[0] } }).Expect(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        await Approve(await f.As(head), list, new { attendees = new[] { chief, members[0], members[1] } }).Expect(HttpStatusCode.OK);
        var last = (await f.Observer.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().Last();
        Assert.Equal(("领导小组确认", "valid"), (last.GetProperty("stageName").GetString(), last.GetProperty("status").GetString()));
        var attendees = await f.App.WithDbAsync(db => db.Reviews.Where(r => r.ListId == list).OrderBy(r => r.Id).Select(r => r.Attendees).LastAsync());
        Assert.Equal("张茂彬、成员0、成员1", attendees);
    }

    [Rules.RuleEffect(Lianfang.Core.Schemes.RuleKinds.RowSignatures)]
    [Fact]
    public async Task Health_commission_posts_check_themselves_the_department_gathers_them_and_each_holder_signs_their_rows()
    {
        var w = await World.CreateAsync(f, "逐条签字");
        await WrittenList.LeaderAsync(f, w);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-health-2018", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var own = lists.Single(l => l.GetProperty("scope").GetString() == "Person" && l.GetProperty("personId").GetInt32() == w.X1).Id();
        var department = lists.Single(l => l.GetProperty("scope").GetString() == "Department" && l.GetProperty("orgUnitId").GetInt32() == w.D1).Id();
        var staff = await f.As(w.Users["staff"]);
        await staff.Post($"/api/v1/lists/{own}/risk-points", new { categoryCode = "post", description = "报销审核把关不严", levelCode = "general", measures = new[] { new { text = "票据双人复核" } } })
            .Expect(HttpStatusCode.Created);
        var self = await staff.PostAsync($"/api/v1/lists/{own}/submit", null).Expect(HttpStatusCode.OK);
        Assert.Equal("Approved", self.GetProperty("status").GetString()); // the post's own signed 岗位自查; its department takes it on

        var head = await f.As(w.Users["dept_head"]);
        Assert.Equal(1, (await head.PostAsync($"/api/v1/lists/{department}/gather", null).Expect(HttpStatusCode.OK)).GetProperty("gathered").GetInt32());
        await head.PostAsync($"/api/v1/lists/{department}/gather", null).Expect(HttpStatusCode.Conflict); // gathered once
        var row = (await head.GetAsync($"/api/v1/lists/{department}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0];
        Assert.Equal(["王芳"], row.GetProperty("responsible").GetProperty("persons").EnumerateArray().Select(p => p.GetString()));
        // the gathered row has no 责任领导 yet (ResponsibleLeader), and waits for 王芳's signature
        var refused = await head.PostAsync($"/api/v1/lists/{department}/submit", null).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["responsible.leader"], refused.ErrorFields());
        Assert.Contains("第 1 条未写明责任领导", refused.GetProperty("detail").GetString());

        var stranger = $"r{Guid.NewGuid().ToString("N")[..6]}.stranger";
        await PersonWithAccountAsync(w, w.D2, "王芳", stranger); // the same name in another department signs nothing here
        await (await f.As(stranger)).PostAsync($"/api/v1/lists/{department}/row-signatures", null).Expect(HttpStatusCode.NotFound);
        await (await f.As(w.Users["dept_head"])).PostAsync($"/api/v1/lists/{department}/row-signatures", null).Expect(HttpStatusCode.Forbidden); // no person: not named
        await staff.GetAsync($"/api/v1/lists/{department}").Expect(HttpStatusCode.OK); // she reads her department's list while it is signed
        Assert.Equal(1, (await staff.PostAsync($"/api/v1/lists/{department}/row-signatures", null).Expect(HttpStatusCode.OK)).GetProperty("signed").GetInt32());

        // a row changed after it was signed must be signed again
        await head.Put($"/api/v1/lists/{department}/risk-points/{row.Id()}", new
        {
            categoryCode = "post", description = "报销审核把关不严", levelCode = "general", measures = new[] { new { text = "票据双人复核" }, new { text = "每月抽查" } },
            responsible = new { leader = "孙伟", persons = new[] { "王芳" } }, version = row.GetProperty("version").GetInt32(),
        }).Expect(HttpStatusCode.OK);
        Assert.Contains("待“王芳”签字", (await head.PostAsync($"/api/v1/lists/{department}/submit", null).Expect(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await staff.PostAsync($"/api/v1/lists/{department}/row-signatures", null).Expect(HttpStatusCode.OK);
        var rows = await head.GetAsync($"/api/v1/lists/{department}/row-signatures").Expect(HttpStatusCode.OK);
        Assert.Equal(0, rows.GetProperty("missing").GetArrayLength());
        Assert.Equal([false, true], rows.GetProperty("signatures").EnumerateArray().Select(r => r.GetProperty("current").GetBoolean()));
        Assert.Equal("dept", (await head.PostAsync($"/api/v1/lists/{department}/submit", null).Expect(HttpStatusCode.OK)).GetProperty("stage").GetString());
        // 附件1 prints who signed each row (注2)
        var form = await head.GetAsync($"/api/v1/lists/{department}/export?format=docx&form=annex1");
        var codes = rows.GetProperty("signatures").EnumerateArray().Select(r => r.GetProperty("verificationCode").GetString()!).ToList();
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await form.Content.ReadAsByteArrayAsync()), false))
            Assert.Matches($"逐条签字：王芳（\\d{{4}}-\\d{{2}}-\\d{{2}} 验证码：{codes[1]}）", word.MainDocumentPart!.Document!.InnerText);
        // each row signature's code checks: the current one holds, the one made before the row changed no longer covers it
        var current = await f.Anonymous().GetAsync($"/api/v1/verify/{codes[1]}").Expect(HttpStatusCode.OK);
        Assert.Equal(("valid", "王芳", "逐条签字（第 1 条）"), (current.GetProperty("status").GetString(), current.GetProperty("signer").GetString(),
            current.GetProperty("stage").GetString()));
        Assert.Equal("altered", (await f.Anonymous().GetAsync($"/api/v1/verify/{codes[0]}").Expect(HttpStatusCode.OK)).GetProperty("status").GetString());
        await staff.GetAsync($"/api/v1/lists/{department}").Expect(HttpStatusCode.NotFound); // submitted: back to her own lists only
    }

    [Fact]
    public async Task The_health_commission_stage_closes_only_after_a_helper_and_the_agency_have_been_heard()
    {
        var (w, _, list) = await SubmittedAsync("协查", "shaoxing-health-2018", department: true);
        await Approve(await f.As(w.Users["dept_head"]), list).Expect(HttpStatusCode.OK);
        await Approve(await f.As(w.Users["leader_in_charge"]), list).Expect(HttpStatusCode.OK);
        var office = await f.As(w.Users["party_office"]);
        await office.Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Created);
        await (await f.As(w.Users["helper"])).Post($"/api/v1/lists/{list}/comments", new { comment = "采购验收环节应增加使用科室签字" }).Expect(HttpStatusCode.Created);
        var noAgency = await Approve(office, list).Expect(HttpStatusCode.Conflict);
        Assert.Contains("纪检监察组的协查意见", noAgency.GetProperty("detail").GetString());
        await (await f.As(w.Users["commission"])).Post($"/api/v1/lists/{list}/comments", new { comment = "无" }).Expect(HttpStatusCode.Forbidden);
        await (await f.As(w.Users["agency"])).Post($"/api/v1/lists/{list}/comments", new { comment = "结合查办案件情况，建议将采购列为重要风险点" }).Expect(HttpStatusCode.Created);
        // 政治处 revises the list after the helpers' opinions, as part of its signed approval
        var point = (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0].Id();
        Assert.Equal(["revisions[0].reason"], (await office.Post($"/api/v1/lists/{list}/review", new { decision = "approve",
            revisions = new[] { new { pointId = point, measures = new[] { "报销双人复核", "验收由使用科室签字" } } } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await office.Post($"/api/v1/lists/{list}/review", new { decision = "approve",
            revisions = new[] { new { pointId = point, measures = new[] { "报销双人复核", "验收由使用科室签字" }, reason = "采纳代表帮查意见" } } }).Expect(HttpStatusCode.OK);
        var revised = (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0];
        Assert.Equal(["报销双人复核", "验收由使用科室签字"], revised.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        var history = (await f.Observer.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["帮查人员", "纪检监察组协查"], history.Where(h => h.GetProperty("decision").GetString() == "Comment").Select(h => h.GetProperty("role").GetString()));
        var signedChange = Assert.Single(history.Last().GetProperty("changes").EnumerateArray());
        Assert.Equal(("防控措施", "采纳代表帮查意见"), (signedChange.GetProperty("field").GetString(), signedChange.GetProperty("reason").GetString()));
        Assert.Equal(["amended", "amended", "amended", "valid"], history.Where(h => h.GetProperty("verificationCode").ValueKind == JsonValueKind.String)
            .Select(h => h.GetProperty("status").GetString()));
        // a stage that does not revise refuses revisions
        Assert.Equal(["revisions"], (await (await f.As(w.Users["principal"])).Post($"/api/v1/lists/{list}/review", new { decision = "approve",
            revisions = new[] { new { pointId = point, measures = new[] { "改" }, reason = "x" } } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("committee", (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Shaoxing_unit_list_hears_representatives_experts_and_the_agency_before_the_principal_sets_levels()
    {
        // 000's 五项排查: 代表帮查、专家助查 and 纪检监察机构协查 are heard on the unit's list, which the party office organises.
        var w = await World.CreateAsync(f, "五项排查");
        await WrittenList.LeaderAsync(f, w);
        var campaign = (await f.Observer.Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode = "shaoxing-2018", rootOrgUnitId = w.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        var list = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("scope").GetString() == "Unit" && l.GetProperty("orgUnitId").GetInt32() == w.U1).Id();
        var office = await f.As(w.Users["party_office"]);
        await office.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "decision", description = "“三重一大”事项个人说了算", levelCode = "important",
            measures = new[] { new { text = "集体决策", kind = "制度建设" } }, supervision = new { basis = "议事规则", focus = "决策程序", methods = new[] { "查阅资料" } },
            responsible = new { leader = "孙伟", persons = new[] { "王芳" } }, elementsChecked = true }).Expect(HttpStatusCode.Created);
        await office.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        Assert.Equal("helpers", (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString());

        var unheard = await Approve(office, list).Expect(HttpStatusCode.Conflict);
        Assert.Contains("还没有收到受邀人员的意见", unheard.GetProperty("detail").GetString());
        // the principal does not decide this stage, and a helper sees the list only once invited
        var notTheirs = await Approve(await f.As(w.Users["principal"]), list).Expect(HttpStatusCode.Forbidden);
        Assert.Contains("应由党办（政治处）审核", notTheirs.GetProperty("detail").GetString());
        await (await f.As(w.Users["helper"])).Post($"/api/v1/lists/{list}/comments", new { comment = "未受邀" }).Expect(HttpStatusCode.NotFound);
        await office.Post($"/api/v1/lists/{list}/invitations", new { userName = w.Users["helper"] }).Expect(HttpStatusCode.Created);
        await (await f.As(w.Users["helper"])).Post($"/api/v1/lists/{list}/comments", new { comment = "建议对重大项目决策实行全程纪实" }).Expect(HttpStatusCode.Created);
        var noAgency = await Approve(office, list).Expect(HttpStatusCode.Conflict);
        Assert.Contains("协查意见", noAgency.GetProperty("detail").GetString());
        await (await f.As(w.Users["agency"])).Post($"/api/v1/lists/{list}/comments", new { comment = "结合效能督查情况，无补充" }).Expect(HttpStatusCode.Created);
        // this stage hears opinions; it does not revise the list itself
        var point = (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0].Id();
        Assert.Equal(["revisions"], (await office.Post($"/api/v1/lists/{list}/review", new { decision = "approve", checkedItems = WrittenList.FiveItems,
            revisions = new[] { new { pointId = point, measures = new[] { "改" }, reason = "x" } } }).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await Approve(office, list).Expect(HttpStatusCode.OK);

        var state = await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK);
        Assert.Equal("principal", state.GetProperty("stage").GetString());
        var history = (await f.Observer.GetAsync($"/api/v1/lists/{list}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["帮查人员", "纪检监察组协查"], history.Where(h => h.GetProperty("decision").GetString() == "Comment").Select(h => h.GetProperty("role").GetString()));
        Assert.Equal("代表帮查、专家助查、纪检监察机构协查", history.Last().GetProperty("stageName").GetString());
    }
}

[Collection("sqlite")] public sealed class ReviewBodiesTests_Sqlite(SqliteFixture f) : ReviewBodiesTests(f);
[Collection("postgres")] public sealed class ReviewBodiesTests_Postgres(PostgresFixture f) : ReviewBodiesTests(f);
