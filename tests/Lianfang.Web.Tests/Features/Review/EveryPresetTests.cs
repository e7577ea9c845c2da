using System.Net;
using System.Text.Json;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Review;

/// <summary>
/// For each of the five regimes, a realistic unit opens a campaign and every list it creates is written, signed and
/// driven to 已审定 by the people the seed names, with no 403 dead end; the 审定 body changes a level on every list
/// kind that has one; every signature of every history then verifies.
/// </summary>
public abstract class EveryPresetTests(AppFixture f)
{
    /// <summary>
    /// 卫健委 (U1): 主任陈刚 (principal, leading group head), 副主任孙伟 (leader in charge of both departments, deputy head);
    /// 财务处 (D1): 处长赵强 (head), 会计王芳, 出纳李明; 办公室 (D2): 主任钱七 (head), 党办周丽 (party office, group office);
    /// 派驻组 (A): 林峰 (agency); a 帮查 account; and a 分管校领导 above the unit for 004.
    /// </summary>
    private sealed class Unit
    {
        public required World W;
        public readonly Dictionary<string, (int Person, string User, int OrgUnit)> People = [];
        public string Helper = "", Vice = "";
        public readonly Dictionary<int, string> Names = [];
        public string UserOf(int person) => People.Values.First(p => p.Person == person).User;
    }

    /// <param name="withVice">004's 分管校领导, a leader in charge above the 二级单位</param>
    private async Task<Unit> UnitAsync(string label, bool withVice)
    {
        var w = await World.CreateAsync(f, label);
        var u = new Unit { W = w };
        var tag = Guid.NewGuid().ToString("N")[..6];
        async Task Add(string key, int orgUnit, string post, string tier, string name, params (string Role, int At)[] grants)
        {
            var p = (await f.Admin.Post("/api/v1/posts", new { orgUnitId = orgUnit, name = post, tier, duties = post + "职责" }).Expect(HttpStatusCode.Created)).Id();
            var x = (await f.Admin.Post("/api/v1/people", new { name, title = post, orgUnitId = orgUnit, postId = p }).Expect(HttpStatusCode.Created)).Id();
            var user = $"p{tag}.{key}";
            await f.CreateUser(new { userName = user, password = LianfangApp.Password, personId = x, displayName = name,
                grants = grants.Select(g => new { role = g.Role, orgUnitId = g.At }).ToArray() }).Expect(HttpStatusCode.Created);
            u.People[key] = (x, user, orgUnit);
            u.Names[x] = name;
        }
        // The world's role accounts without a person stand aside: only these people act.
        await f.App.WithDbAsync(db => db.UserGrants.Where(g => (g.OrgUnitId == w.U1 || g.OrgUnitId == w.D1 || g.OrgUnitId == w.A) && g.Role != Lianfang.Core.Access.Role.Staff)
            .ExecuteDeleteAsync());
        u.People["accountant"] = (w.X1, w.Users["staff"], w.D1); // 王芳, 会计 of 财务处
        u.Names[w.X1] = "王芳";
        await Add("chief", w.U1, "主任", "Leader", "陈刚", ("principal", w.U1));
        await Add("deputy", w.U1, "副主任", "Leader", "孙伟", ("leader_in_charge", w.D1), ("leader_in_charge", w.D2));
        await Add("head1", w.D1, "财务处处长", "Middle", "赵强", ("dept_head", w.D1));
        await Add("cashier", w.D1, "出纳", "Other", "李明", ("staff", w.D1));
        await Add("head2", w.D2, "办公室主任", "Middle", "钱七", ("dept_head", w.D2));
        await Add("office", w.D2, "党办干事", "Other", "周丽", ("party_office", w.U1));
        var agencyPerson = (await f.Admin.Post("/api/v1/people", new { name = "林峰", title = "组长", orgUnitId = w.A }).Expect(HttpStatusCode.Created)).Id();
        var agency = $"p{tag}.agency";
        await f.CreateUser(new { userName = agency, password = LianfangApp.Password, personId = agencyPerson, displayName = "林峰",
            grants = new[] { new { role = "agency", orgUnitId = w.A } } }).Expect(HttpStatusCode.Created);
        u.People["agency"] = (agencyPerson, agency, w.A);
        u.Helper = $"p{tag}.helper";
        await f.CreateUser(new { userName = u.Helper, password = LianfangApp.Password, displayName = "人大代表", grants = new[] { new { role = "helper", orgUnitId = w.U1 } } })
            .Expect(HttpStatusCode.Created);
        u.Vice = $"p{tag}.vice";
        if (withVice) await f.CreateUser(new { userName = u.Vice, password = LianfangApp.Password, displayName = "分管校领导", grants = new[] { new { role = "leader_in_charge", orgUnitId = w.C } } })
            .Expect(HttpStatusCode.Created);
        await (await f.As(u.People["office"].User)).Put($"/api/v1/org-units/{w.U1}/leading-group", new
        {
            members = new object[]
            {
                new { personId = u.People["chief"].Person, duty = "Head" }, new { personId = u.People["deputy"].Person, duty = "Deputy" },
                new { personId = u.People["head1"].Person, duty = "Member" }, new { personId = u.People["office"].Person, duty = "Office" },
            },
        }).Expect(HttpStatusCode.OK);
        return u;
    }

    private static string PersonName(Unit u, int person) => u.Names[person];

    public static TheoryData<string> Schemes => new("shaoxing-2018", "shaoxing-health-2018", "lianyun-finance", "longsheng-2012", "sanjiang-2019");

    [Theory]
    [MemberData(nameof(Schemes))]
    [Rules.RuleEffect(RuleKinds.FormFiling)]
    [Rules.RuleEffect(RuleKinds.Publication)]
    public async Task Every_list_of_a_campaign_reaches_approval_through_the_people_the_seed_names_and_every_signature_holds(string schemeCode)
    {
        var u = await UnitAsync("全流程", withVice: schemeCode == "sanjiang-2019");
        var scheme = Presets.Find(schemeCode)!;
        var campaign = (await (await f.As(u.People["office"].User)).Post("/api/v1/campaigns", new { name = "2026年度排查", year = 2026, schemeCode, rootOrgUnitId = u.W.U1, deadline = "2026-12-31" })
            .Expect(HttpStatusCode.Created)).Id();
        // personal lists first: 001's departments gather their holders' 岗位自查
        var lists = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .OrderBy(l => l.GetProperty("scope").GetString() is "Person" or "Post" ? 0 : 1).ToList();
        Assert.NotEmpty(lists);
        var pairs = (await (await f.As(u.People["office"].User)).GetAsync($"/api/v1/campaigns/{campaign}/peer-pairs").Expect(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(p => p.GetProperty("orgUnitId").GetInt32(), p => p.GetProperty("peerOrgUnitId").GetInt32());
        var trail = new List<string>();
        var printedCodes = 0;
        var leveled = new HashSet<string>();
        foreach (var l in lists)
        {
            var id = l.Id();
            var scope = Enum.Parse<ListScope>(l.GetProperty("scope").GetString()!);
            var orgUnit = l.GetProperty("orgUnitId").GetInt32();
            int? holder = l.GetProperty("personId").ValueKind == JsonValueKind.Number ? l.GetProperty("personId").GetInt32() : null;
            var writer = holder is { } h ? u.UserOf(h) : scope == ListScope.Unit ? u.People["office"].User : orgUnit == u.W.D1 ? u.People["head1"].User : u.People["head2"].User;
            var w = await f.As(writer);
            var category = scheme.Categories.First(c => !c.Optional && (scope is ListScope.Person or ListScope.Post || c.Code != "morality")).Code;
            var point = (await w.Post($"/api/v1/lists/{id}/risk-points", new
            {
                categoryCode = category, description = $"审批环节优亲厚友（{id}）", levelCode = scheme.Levels[^1].Code,
                measures = new[] { new { text = "审批事项双人复核" } }, supervision = new { methods = new[] { scheme.SupervisionMethods.FirstOrDefault() ?? "查阅资料" } },
                responsible = new { leader = "孙伟", persons = new[] { orgUnit == u.W.D1 ? "赵强" : orgUnit == u.W.D2 ? "钱七" : "陈刚" } }, elementsChecked = true,
            }).Expect(HttpStatusCode.Created)).Id();
            if (scope == ListScope.Department && scheme.Rules.Any(r => r.Kind == "RowSignatures"))
            {
                // 001: 汇总 the holders' self-checks, then every person named signs their rows (逐条逐栏) before the list goes on
                await w.PostAsync($"/api/v1/lists/{id}/gather", null).Expect(HttpStatusCode.OK);
                Assert.Equal(HttpStatusCode.Conflict, (await w.PostAsync($"/api/v1/lists/{id}/submit", null)).StatusCode);
                var names = (await f.Observer.GetAsync($"/api/v1/lists/{id}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray()
                    .SelectMany(p => p.GetProperty("responsible").GetProperty("persons").EnumerateArray().Select(n => n.GetString()!)).Distinct().ToList();
                Assert.True(names.Count >= 2, "the department's rows name its head and its post holders");
                foreach (var name in names)
                    await (await f.As(u.People.Values.Single(p => p.OrgUnit == orgUnit && PersonName(u, p.Person) == name).User))
                        .PostAsync($"/api/v1/lists/{id}/row-signatures", null).Expect(HttpStatusCode.OK);
            }
            await w.PostAsync($"/api/v1/lists/{id}/submit", null).Expect(HttpStatusCode.OK);

            for (var guard = 0; guard < 12; guard++)
            {
                var state = await f.Observer.GetAsync($"/api/v1/lists/{id}").Expect(HttpStatusCode.OK);
                if (state.GetProperty("status").GetString() == "Approved") break;
                Assert.Equal("InReview", state.GetProperty("status").GetString());
                var stage = Workflow.StageOf(scheme, scope, state.GetProperty("stage").GetString())!;
                var actor = stage.Actor switch
                {
                    StageActor.Holder => writer,
                    StageActor.DeptHead => orgUnit == u.W.D1 ? u.People["head1"].User : u.People["head2"].User,
                    StageActor.LeaderInCharge => scope == ListScope.Unit ? u.Vice : u.People["deputy"].User,
                    StageActor.Principal => u.People["chief"].User,
                    StageActor.Agency or StageActor.Oversight => u.People["agency"].User,
                    StageActor.PartyOffice or StageActor.Public or StageActor.Helpers or StageActor.LeadingGroupOffice => u.People["office"].User,
                    StageActor.LeadingGroup => holder == u.People["chief"].Person ? u.People["deputy"].User : u.People["chief"].User,
                    StageActor.Colleagues => u.People.Values.First(p => p.OrgUnit == orgUnit && p.Person != holder && p.User != u.People["agency"].User).User,
                    StageActor.Peers => pairs[orgUnit] == u.W.D1 ? u.People["head1"].User : u.People["head2"].User,
                    _ => throw new InvalidOperationException(stage.Actor.ToString()),
                };
                if (stage.HelpersMayComment)
                {
                    await (await f.As(actor)).Post($"/api/v1/lists/{id}/invitations", new { userName = u.Helper }).Expect(HttpStatusCode.Created);
                    await (await f.As(u.Helper)).Post($"/api/v1/lists/{id}/comments", new { comment = "建议细化防控措施" }).Expect(HttpStatusCode.Created);
                }
                if (stage.Publicity)
                {
                    // 003 单位内公示: not passed before the list is shown within the unit for the scheme's period, and that period has ended
                    var early = await (await f.As(actor)).Post($"/api/v1/lists/{id}/review", new { decision = "approve", stage = stage.Code }).Expect(HttpStatusCode.Conflict);
                    Assert.Contains("尚未在单位内公示", early.GetProperty("detail").GetString());
                    var today = f.App.Today;
                    await (await f.As(actor)).Post($"/api/v1/lists/{id}/publish", new { from = today.AddDays(-10), until = today.AddDays(-1) }).Expect(HttpStatusCode.OK);
                }
                if (stage.AgencyJoins)
                    await (await f.As(u.People["agency"].User)).Post($"/api/v1/lists/{id}/comments", new { comment = "结合查办案件情况，无补充" }).Expect(HttpStatusCode.Created);
                object? levels = stage.SetsLevels ? new[] { new { pointId = point, levelCode = scheme.Levels[0].Code, reason = "自由裁量权较大" } } : null;
                object? meeting = stage.Actor == StageActor.LeadingGroup
                    ? new { attendees = new[] { u.People["chief"].Person, u.People["deputy"].Person, u.People["head1"].Person }.Where(p => p != holder || holder == u.People["deputy"].Person).ToArray() }
                    : null;
                var res = await (await f.As(actor)).Post($"/api/v1/lists/{id}/review", new { decision = "approve", checkedItems = Lianfang.Web.Tests.Features.Review.WrittenList.FiveItems, comment = "同意", stage = stage.Code, levels, meeting });
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"{schemeCode} list {id} ({scope}) at “{stage.Name}” by {actor}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
                if (stage.SetsLevels) leveled.Add($"{scope}");
                trail.Add($"{scope}:{stage.Code}");
            }
            var final = await f.Observer.GetAsync($"/api/v1/lists/{id}").Expect(HttpStatusCode.OK);
            Assert.True(final.GetProperty("status").GetString() == "Approved", $"{schemeCode} list {id} ({scope}) stuck at {final.GetProperty("stage")}");

            // Every signature of the history holds; the writer's, which every later act could have broken, verifies without login.
            var history = (await f.Observer.GetAsync($"/api/v1/lists/{id}/history").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
            var signatures = history.Where(x => x.GetProperty("verificationCode").ValueKind == JsonValueKind.String).ToList();
            // 001's 岗位自查 of a post in a department is the holder's own signed check, which the department's list then gathers
            var selfCheckOnly = scope == ListScope.Person && scheme.ListKind(scope).Stages.Where(st => !st.OnlyAtUnit).All(st => st.Actor == StageActor.Holder) && orgUnit != u.W.U1;
            Assert.True(signatures.Count >= (selfCheckOnly ? 1 : 2), $"{schemeCode} list {id}: signed by fewer than two people");
            Assert.All(signatures, s => Assert.Contains(s.GetProperty("status").GetString(), new[] { "valid", "amended" }));
            Assert.Equal("valid", signatures[^1].GetProperty("status").GetString());
            var first = await f.Anonymous().GetAsync($"/api/v1/verify/{signatures[0].GetProperty("verificationCode").GetString()}").Expect(HttpStatusCode.OK);
            Assert.Equal(signatures[0].GetProperty("status").GetString(), first.GetProperty("status").GetString());
            // The codes printed on the list's official form are these signatures, and they hold.
            var form = await f.Observer.GetAsync($"/api/v1/lists/{id}/export?format=docx");
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await form.Content.ReadAsByteArrayAsync()), false))
            {
                var status = signatures.ToDictionary(x => x.GetProperty("verificationCode").GetString()!, x => x.GetProperty("status").GetString());
                // and the rows' own signatures (001 逐条逐栏签字), each as /Verify reads it
                foreach (var row in (await f.Observer.GetAsync($"/api/v1/lists/{id}/row-signatures").Expect(HttpStatusCode.OK)).GetProperty("signatures").EnumerateArray()
                             .Where(r => r.GetProperty("current").GetBoolean()))
                {
                    var rowCode = row.GetProperty("verificationCode").GetString()!;
                    status[rowCode] = (await f.Anonymous().GetAsync($"/api/v1/verify/{rowCode}").Expect(HttpStatusCode.OK)).GetProperty("status").GetString();
                }
                foreach (var code in System.Text.RegularExpressions.Regex.Matches(word.MainDocumentPart!.Document!.InnerText, "[A-HJ-NP-Z2-9]{10}").Select(m => m.Value))
                {
                    Assert.True(status.TryGetValue(code, out var st), $"{schemeCode} list {id}: printed code {code} is no signature of the list");
                    Assert.Contains(st, new[] { "valid", "amended" });
                    printedCodes++;
                }
            }
            // the reviewer signed for a 审定 level other than 自评
            if (final.GetProperty("riskPoints")[0].GetProperty("approvedLevelCode").GetString() is { } approved)
                Assert.Equal(scheme.Levels[0].Code, approved);
        }
        // 002 has no official form of its own (its 明细表 has no signature lines); the others print their signers' codes
        if (scheme.Forms.Any(x => x.Signatures.Count > 0)) Assert.True(printedCodes > 0, $"{schemeCode}: no form printed a verification code");
        // 003 FormFiling: the 登记表 of the 局本部 and of each 班子成员, and the unit's 汇总表, went to the commission
        var filed = await f.App.WithDbAsync(db => db.FormFilings.Where(x => x.CampaignId == campaign).Select(x => new { x.FormCode, x.ListId, x.CommissionId }).ToListAsync());
        if (scheme.Has(RuleKinds.FormFiling))
        {
            var atUnit = lists.Where(l => l.GetProperty("orgUnitId").GetInt32() == u.W.U1).ToList();
            Assert.Equal(atUnit.Count(l => l.GetProperty("scope").GetString() == "Unit"), filed.Count(x => x.FormCode == "annex7"));
            Assert.Equal(atUnit.Count(l => l.GetProperty("scope").GetString() == "Person"), filed.Count(x => x.FormCode == "annex8"));
            Assert.Single(filed, x => x.FormCode == "annex9" && x.ListId == null);
            Assert.All(filed, x => Assert.Equal(u.W.C, x.CommissionId));
        }
        else Assert.Empty(filed);
        // Each list kind's 审定 body acted at least once.
        foreach (var kind in scheme.ListKinds.Where(k => k.Stages.Any(s => s.SetsLevels) && lists.Any(l => l.GetProperty("scope").GetString() == k.Scope.ToString())))
            Assert.Contains(kind.Scope.ToString(), leveled);
    }

    /// <summary>
    /// 002's personal lists wait at 科室其他人员帮查, a stage decided by asking who works in the list's department: the 待办
    /// shows each colleague the lists of their own department only, and asks the database the same number of times for
    /// one waiting list as for all of them (at a province a principal's 待办 holds thousands).
    /// </summary>
    [Fact]
    public async Task The_inbox_finds_colleagues_lists_without_a_query_per_list()
    {
        var u = await UnitAsync("帮查待办", withVice: false);
        var scheme = Presets.Find("longsheng-2012")!;
        var campaign = (await (await f.As(u.People["office"].User)).Post("/api/v1/campaigns",
            new { name = "2026年度排查", year = 2026, schemeCode = scheme.Code, rootOrgUnitId = u.W.U1, deadline = "2026-12-31" }).Expect(HttpStatusCode.Created)).Id();
        var personal = (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Where(l => l.GetProperty("scope").GetString() == "Person" && u.People.Values.Any(p => p.Person == l.GetProperty("personId").GetInt32()))
            .Select(l => (Id: l.Id(), Holder: l.GetProperty("personId").GetInt32(), OrgUnit: l.GetProperty("orgUnitId").GetInt32())).ToList();
        Assert.True(personal.Count >= 5, $"{personal.Count} personal lists");
        async Task SubmitAsync((int Id, int Holder, int OrgUnit) l)
        {
            var w = await f.As(u.UserOf(l.Holder));
            await w.Post($"/api/v1/lists/{l.Id}/risk-points", new
            {
                categoryCode = scheme.Categories.First(c => !c.Optional).Code, description = $"审批环节优亲厚友（{l.Id}）", levelCode = scheme.Levels[^1].Code,
                measures = new[] { new { text = "审批事项双人复核" } }, supervision = new { methods = new[] { scheme.SupervisionMethods.FirstOrDefault() ?? "查阅资料" } },
                responsible = new { leader = "孙伟", persons = new[] { "赵强" } }, elementsChecked = true,
            }).Expect(HttpStatusCode.Created);
            await w.PostAsync($"/api/v1/lists/{l.Id}/submit", null).Expect(HttpStatusCode.OK);
            var stage = (await f.Observer.GetAsync($"/api/v1/lists/{l.Id}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString();
            if (stage == "self") // 个人自查: the holder's own signed check comes first
                await w.Post($"/api/v1/lists/{l.Id}/review", new { decision = "approve", checkedItems = WrittenList.FiveItems, comment = "已自查", stage })
                    .Expect(HttpStatusCode.OK);
            Assert.Equal("peers", (await f.Observer.GetAsync($"/api/v1/lists/{l.Id}").Expect(HttpStatusCode.OK)).GetProperty("stage").GetString());
        }
        var chief = await f.As(u.People["chief"].User);
        await SubmitAsync(personal[0]);
        var few = await QueryCountTests.QueriesAsync(chief, "/api/v1/inbox");
        foreach (var l in personal.Skip(1)) await SubmitAsync(l);
        var many = await QueryCountTests.QueriesAsync(chief, "/api/v1/inbox");
        Assert.True(many <= few + 1, $"{many} queries with {personal.Count} lists waiting, {few} with one — a query per list");

        // Who sees which: everyone in the list's department but its holder, nobody outside it (the principal reads them all).
        foreach (var (key, person) in u.People.Where(p => p.Key != "agency").Select(p => (p.Key, p.Value)))
        {
            var inbox = (await (await f.As(person.User)).GetAsync("/api/v1/inbox").Expect(HttpStatusCode.OK)).EnumerateArray()
                .Where(i => i.GetProperty("task").GetString() == "审核：科室其他人员帮查").Select(i => i.GetProperty("listId").GetInt32()).Order().ToList();
            var expected = personal.Where(l => l.OrgUnit == person.OrgUnit && l.Holder != person.Person).Select(l => l.Id).Order().ToList();
            Assert.True(expected.SequenceEqual(inbox), $"{key}: 待办 {string.Join(",", inbox)}, expected {string.Join(",", expected)}");
        }
    }
}

[Collection("sqlite")] public sealed class EveryPresetTests_Sqlite(SqliteFixture f) : EveryPresetTests(f);
[Collection("postgres")] public sealed class EveryPresetTests_Postgres(PostgresFixture f) : EveryPresetTests(f);
