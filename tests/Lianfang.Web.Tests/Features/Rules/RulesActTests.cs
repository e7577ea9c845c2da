using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lianfang.Core.Schemes;
using Lianfang.Core.Supervision;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianfang.Web.Tests.Features.Rules;

/// <summary>Marks a test that shows a scheme rule of this kind acting (a refusal, a route, a warning, a filing).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RuleEffectAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}

public class RuleCoverageTests
{
    /// <summary>No preset rule is inert: each kind a preset states has a test here that makes it act.</summary>
    [Fact]
    public void Every_rule_kind_of_the_presets_has_a_test_showing_its_effect()
    {
        var stated = Presets.All.SelectMany(p => p.Rules).Select(r => r.Kind).ToHashSet();
        var shown = typeof(RuleCoverageTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<RuleEffectAttribute>()).Select(a => a.Kind).ToHashSet();
        Assert.Empty(stated.Except(shown).Order());
        Assert.Equal(RuleKinds.All.Select(k => k.Kind).Order(), stated.Order());
    }
}

public abstract class RulesActTests(AppFixture f)
{
    private int Year => f.App.Today.Year;

    private async Task<List<JsonElement>> ListsAsync(int campaign) =>
        (await f.Observer.GetAsync($"/api/v1/campaigns/{campaign}/lists").Expect(HttpStatusCode.OK)).EnumerateArray().ToList();

    private async Task<int> OwnListAsync(World w, int campaign) =>
        (await ListsAsync(campaign)).Single(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();

    [Fact]
    [RuleEffect(RuleKinds.RequiredItems)]
    [RuleEffect(RuleKinds.ResponsibleLeader)]
    public async Task A_shaoxing_list_goes_to_review_only_with_every_item_and_a_leader_of_the_unit_and_the_agency_checks_each_item()
    {
        var s = await WrittenList.CreateAsync(f, "五项");
        var staff = await f.As(s.W.Users["staff"]);
        var bare = (await staff.Post($"/api/v1/lists/{s.List}/risk-points", new { categoryCode = "power", description = "采购中倾向特定供应商", levelCode = "important", elementsChecked = true })
            .Expect(HttpStatusCode.Created)).Id();
        var refused = await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["riskPoints"], refused.ErrorFields());
        Assert.Contains("第 3 条缺少防控措施、监督检查路径、相关责任人", refused.GetProperty("detail").GetString());

        async Task Fix(object responsible, int version) => await staff.Put($"/api/v1/lists/{s.List}/risk-points/{bare}", new
        {
            categoryCode = "power", description = "采购中倾向特定供应商", levelCode = "important", measures = new[] { new { text = "采购结果公示" } },
            supervision = WrittenList.Supervision, responsible, version, elementsChecked = true,
        }).Expect(HttpStatusCode.OK);
        await Fix(new { leader = "张三", persons = new[] { "王芳" } }, 0);
        refused = await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["responsible.leader"], refused.ErrorFields());
        Assert.Contains("第 3 条的责任领导“张三”不是本单位在册人员", refused.GetProperty("detail").GetString());
        await Fix(new { leader = "孙伟", persons = new[] { "王芳" } }, 1);
        await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);

        foreach (var role in WrittenList.Reviewers[..3])
            await (await f.As(s.W.Users[role])).Post($"/api/v1/lists/{s.List}/review", new { decision = "approve" }).Expect(HttpStatusCode.OK);
        var agency = await f.As(s.W.Users["agency"]);
        var unchecked_ = await agency.Post($"/api/v1/lists/{s.List}/review", new { decision = "approve", checkedItems = new[] { "description", "measures" } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["checkedItems"], unchecked_.ErrorFields());
        Assert.Contains("尚未确认：监督检查路径、风险等级、相关责任人", unchecked_.GetProperty("detail").GetString());
        await agency.Post($"/api/v1/lists/{s.List}/review", WrittenList.Approve("五项内容逐一审核")).Expect(HttpStatusCode.OK);
        var checkedItems = await f.App.WithDbAsync(db => db.Reviews.Where(r => r.ListId == s.List && r.StageCode == "agency").Select(r => r.CheckedItems).SingleAsync());
        Assert.Equal("description,measures,supervision,level,responsible", checkedItems);
    }

    [Fact]
    [RuleEffect(RuleKinds.RiskElements)]
    public async Task A_shaoxing_point_is_submitted_only_once_its_writer_has_weighed_its_three_elements()
    {
        var s = await WrittenList.CreateAsync(f, "三要素");
        var staff = await f.As(s.W.Users["staff"]);
        var point = (await staff.Post($"/api/v1/lists/{s.List}/risk-points", WrittenList.Point("power", "公务接待超标准", "general")).Expect(HttpStatusCode.Created)).Id();
        await staff.Put($"/api/v1/lists/{s.List}/risk-points/{point}", new
        {
            categoryCode = "power", description = "公务接待超标准", levelCode = "general", measures = new[] { new { text = "接待清单公示" } },
            supervision = WrittenList.Supervision, responsible = WrittenList.Responsible, version = 0, elementsChecked = false,
        }).Expect(HttpStatusCode.OK);
        var refused = await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("第 3 条风险点尚未确认已把握危害性、可描述性、可防范性三个要素", refused.GetProperty("detail").GetString());
        // the editor asks it and marks the row
        var page = await PageClient.LoginAsync(f, s.W.Users["staff"]);
        var doc = await page.GetAsync($"/Lists/Edit?id={s.List}&point={point}");
        Assert.NotNull(doc.QuerySelector("input[name='Input.ElementsChecked'][type=checkbox]"));
        Assert.Contains("三要素待确认", doc.QuerySelector("table")!.TextContent);
        await staff.Put($"/api/v1/lists/{s.List}/risk-points/{point}", new
        {
            categoryCode = "power", description = "公务接待超标准", levelCode = "general", measures = new[] { new { text = "接待清单公示" } },
            supervision = WrittenList.Supervision, responsible = WrittenList.Responsible, version = 1, elementsChecked = true,
        }).Expect(HttpStatusCode.OK);
        await staff.PostAsync($"/api/v1/lists/{s.List}/submit", null).Expect(HttpStatusCode.OK);
    }

    [Fact]
    [RuleEffect(RuleKinds.HolderWritesOwnList)]
    public async Task Under_longsheng_nobody_but_the_department_head_writes_the_department_list_while_elsewhere_the_party_office_may()
    {
        var w = await World.CreateAsync(f, "代写");
        var office = await f.As(w.Users["party_office"]);
        object Point(string category) => new { categoryCode = category, description = "代写的风险点", levelCode = "level3" };
        var longsheng = (await ListsAsync(await f.CampaignAsync(w, "longsheng-2012"))).Single(l => l.GetProperty("scope").GetString() == "Department" && l.GetProperty("orgUnitId").GetInt32() == w.D1).Id();
        var refused = await office.Post($"/api/v1/lists/{longsheng}/risk-points", Point("duty")).Expect(HttpStatusCode.Forbidden);
        Assert.Contains("任何人不得代替撰写廉政风险点", refused.GetProperty("detail").GetString());
        await (await f.As(w.Users["dept_head"])).Post($"/api/v1/lists/{longsheng}/risk-points", Point("duty")).Expect(HttpStatusCode.Created);
        var health = (await ListsAsync(await f.CampaignAsync(w, "shaoxing-health-2018"))).Single(l => l.GetProperty("scope").GetString() == "Department" && l.GetProperty("orgUnitId").GetInt32() == w.D1).Id();
        await office.Post($"/api/v1/lists/{health}/risk-points", new { categoryCode = "power", description = "党办汇总填写", levelCode = "general" }).Expect(HttpStatusCode.Created);
    }

    /// <summary>A unit's copy of a preset, changed by <paramref name="change"/> and saved through the API.</summary>
    private async Task<HttpResponseMessage> CopyAndChangeAsync(World w, string preset, string code, Action<JsonNode> change)
    {
        await f.Admin.Post("/api/v1/schemes", new { basedOn = preset, code, name = $"本单位方案{code}", orgUnitId = w.U1 }).Expect(HttpStatusCode.Created);
        var node = JsonNode.Parse(await (await f.Admin.GetAsync($"/api/v1/schemes/{code}")).Content.ReadAsStringAsync())!;
        change(node);
        return await f.Admin.PutAsync($"/api/v1/schemes/{code}?version={await f.Admin.SchemeVersionAsync(code)}", new StringContent(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
    }

    [Fact]
    [RuleEffect(RuleKinds.EveryStageSigned)]
    public async Task A_copy_of_longsheng_with_an_unsigned_review_stage_is_refused_and_the_scheme_says_where_each_rule_acts()
    {
        var w = await World.CreateAsync(f, "签字");
        var code = $"ls{w.Tag[^6..]}";
        var refused = await CopyAndChangeAsync(w, "longsheng-2012", code, s => s["listKinds"]![0]!["stages"]![2]!["signed"] = false).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("“科室领导审核”必须签字", refused.GetProperty("detail").GetString());
        var unknown = await f.Admin.PutAsync($"/api/v1/schemes/{code}?version={await f.Admin.SchemeVersionAsync(code)}", new StringContent(
            JsonNode.Parse(await (await f.Admin.GetAsync($"/api/v1/schemes/{code}")).Content.ReadAsStringAsync())!.AsObject()
                .Also(n => n["rules"]!.AsArray().Add(new JsonObject { ["kind"] = "MonthlyReport", ["text"] = "每月报告" })).ToJsonString(),
            System.Text.Encoding.UTF8, "application/json")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("系统无法执行", unknown.GetProperty("detail").GetString());

        var scheme = await f.Admin.GetAsync("/api/v1/schemes/shaoxing-2018").Expect(HttpStatusCode.OK);
        var required = scheme.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "RequiredItems");
        Assert.Equal(["submit", "stage:agency"], required.GetProperty("acts").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("五项内容齐全", required.GetProperty("name").GetString());
    }

    [Fact]
    [RuleEffect(RuleKinds.AssessmentGrades)]
    public async Task A_unit_whose_scheme_names_its_own_grades_is_graded_in_them()
    {
        var w = await World.CreateAsync(f, "等次");
        var code = $"gr{w.Tag[^6..]}";
        await CopyAndChangeAsync(w, "longsheng-2012", code, s =>
        {
            var rule = s["rules"]!.AsArray().Single(r => r!["kind"]!.GetValue<string>() == "AssessmentGrades")!;
            rule["parameters"] = new JsonObject { ["grades"] = "好,较好,一般,差", ["thresholds"] = "85,70,50,0" };
        }).Expect(HttpStatusCode.OK);
        await f.CampaignAsync(w, code);
        var a = await (await f.As(w.Users["commission"])).Post("/api/v1/assessments", new
        {
            orgUnitId = w.U1, year = Year, kind = "Annual", items = new[] { new { score = 20 }, new { score = 20 }, new { score = 18 }, new { score = 18 } },
        }).Expect(HttpStatusCode.Created);
        Assert.Equal("较好", a.GetProperty("grade").GetString()); // 76 of 100: not 良好 but this scheme's 较好
    }

    [Fact]
    [RuleEffect(RuleKinds.InspectionReport)]
    public async Task An_inspection_of_an_important_point_needs_its_plan_first()
    {
        var s = await WrittenList.ApprovedAsync(f, "方案");
        var points = (await f.Observer.GetAsync($"/api/v1/lists/{s.List}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray().ToList();
        long Of(string level) => points.Single(p => p.GetProperty("levelCode").GetString() == level).GetProperty("id").GetInt64();
        var agency = await f.As(s.W.Users["agency"]);
        var refused = await agency.Post("/api/v1/inspections", new { type = "Talk", riskPointIds = new[] { Of("important") }, personId = s.W.X1, record = "谈话记录" })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["subject"], refused.ErrorFields());
        Assert.Contains("对重要风险点的监督检查，应制定监督检查方案", refused.GetProperty("detail").GetString());
        await agency.Post("/api/v1/inspections", new { type = "Talk", riskPointIds = new[] { Of("important") }, personId = s.W.X1, subject = "检查方案：约谈王芳，核对拨付台账", record = "谈话记录" })
            .Expect(HttpStatusCode.Created);
        await agency.Post("/api/v1/inspections", new { type = "Talk", riskPointIds = new[] { Of("general") }, personId = s.W.X1, record = "谈话记录" }).Expect(HttpStatusCode.Created);
    }

    [Fact]
    [RuleEffect(RuleKinds.LevelSupervisor)]
    public async Task Each_approved_sanjiang_point_gets_its_supervisor_and_last_years_unsupervised_point_is_flagged_until_inspected()
    {
        var w = await World.CreateAsync(f, "分级");
        var campaign = await f.CampaignAsync(w, "sanjiang-2019", Year - 1);
        var list = await OwnListAsync(w, campaign);
        var staff = await f.As(w.Users["staff"]);
        foreach (var level in new[] { "level1", "level3" })
            await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "duty", description = $"{level}：经费报销把关不严", levelCode = level }).Expect(HttpStatusCode.Created);
        await staff.PostAsync($"/api/v1/lists/{list}/submit", null).Expect(HttpStatusCode.OK);
        await (await f.As(w.Users["principal"])).Post($"/api/v1/lists/{list}/review", new { decision = "approve" }).Expect(HttpStatusCode.OK);
        var points = (await f.Observer.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints").EnumerateArray().ToList();
        Assert.Equal(["派驻组", "主要负责人（未设）"], points.Select(p => p.GetProperty("supervisor").GetString()));

        await f.SweepAsync(w, WarningRules.PointUnsupervised);
        var flagged = await f.WarningsAsync(w, WarningRules.PointUnsupervised);
        Assert.Equal(2, flagged.Length);
        Assert.Contains(flagged, x => x.GetProperty("message").GetString()!.Contains($"{Year - 1}年度未经派驻组监督检查"));
        var top = points[0].Id();
        await (await f.As(w.Users["agency"])).Post("/api/v1/inspections", new { type = "Talk", riskPointIds = new[] { top }, personId = w.X1, date = $"{Year - 1}-12-01", record = "谈话记录" })
            .Expect(HttpStatusCode.Created);
        await f.SweepAsync(w, WarningRules.PointUnsupervised);
        Assert.DoesNotContain(await f.WarningsAsync(w, WarningRules.PointUnsupervised), x => x.GetProperty("targetId").GetInt64() == top);
    }

    [Fact]
    [RuleEffect(RuleKinds.Publication)]
    public async Task An_approved_list_reminds_the_party_office_until_it_is_published_for_at_least_the_scheme_period()
    {
        var w = await World.CreateAsync(f, "公示");
        var list = await OwnListAsync(w, await f.CampaignAsync(w, "longsheng-2012"));
        await f.App.WithDbAsync(db => db.RiskLists.Where(l => l.Id == list).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, Lianfang.Core.Register.ListStatus.Approved)));
        await f.SweepAsync(w, WarningRules.NotPublished);
        Assert.Single(await f.WarningsAsync(w, WarningRules.NotPublished), x => x.GetProperty("targetId").GetInt64() == list);
        var office = await f.As(w.Users["party_office"]);
        var today = f.App.Today;
        var shortOne = await office.Post($"/api/v1/lists/{list}/publish", new { from = today, until = today.AddDays(2) }).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("公示期不少于 5 天", shortOne.GetProperty("detail").GetString());
        await office.Post($"/api/v1/lists/{list}/publish", new { from = today, until = today.AddDays(4) }).Expect(HttpStatusCode.OK);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.NotPublished));
    }

    [Fact]
    [RuleEffect(RuleKinds.QuarterlySelfAssessment)]
    [RuleEffect(RuleKinds.HalfYearSpotCheck)]
    public async Task A_longsheng_unit_is_reminded_of_last_quarters_self_assessment_and_last_half_years_spot_check_until_each_is_done()
    {
        var w = await World.CreateAsync(f, "季度");
        var today = f.App.Today;
        var (qYear, quarter) = today.Month <= 3 ? (today.Year - 1, 4) : (today.Year, (today.Month - 1) / 3);
        var (hYear, half) = today.Month <= 6 ? (today.Year - 1, 2) : (today.Year, 1);
        await f.CampaignAsync(w, "longsheng-2012", qYear);
        if (hYear != qYear) await f.CampaignAsync(w, "longsheng-2012", hYear);
        await f.SweepAsync(w, WarningRules.SelfAssessmentDue, WarningRules.SpotCheckDue);
        Assert.Contains($"第{quarter}季度", Assert.Single(await f.WarningsAsync(w, WarningRules.SelfAssessmentDue)).GetProperty("message").GetString());
        Assert.Contains(half == 1 ? "上半年" : "下半年", Assert.Single(await f.WarningsAsync(w, WarningRules.SpotCheckDue)).GetProperty("message").GetString());

        await (await f.As(w.Users["party_office"])).Post("/api/v1/assessments", new
        {
            orgUnitId = w.U1, year = qYear, kind = "Quarterly", quarter, items = new[] { new { score = 25 }, new { score = 25 }, new { score = 25 }, new { score = 25 } },
        }).Expect(HttpStatusCode.Created);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.SelfAssessmentDue));
        await (await f.As(w.Users["commission"])).Post("/api/v1/inspections", new
        {
            type = "SiteVisit", orgUnitId = w.D1, date = half == 1 ? $"{hYear}-05-20" : $"{hYear}-11-20", record = "抽查财务处机制防范工作",
        }).Expect(HttpStatusCode.Created);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.SpotCheckDue));
    }

    [Fact]
    [RuleEffect(RuleKinds.AnnualAssessment)]
    [RuleEffect(RuleKinds.AnnualRevision)]
    public async Task A_finance_unit_that_ran_the_regime_last_year_is_flagged_until_its_group_evaluated_every_post_and_this_years_revision_is_due_in_december()
    {
        var w = await World.CreateAsync(f, "年度");
        await f.CampaignAsync(w, "lianyun-finance", Year - 1);
        var office = await WrittenList.GroupOfficeAsync(f, w);
        await f.SweepAsync(w, WarningRules.AssessmentDue, WarningRules.RevisionDue);
        // 002: the 领导小组 evaluates each post at year end; 会计 (王芳) has not been
        Assert.Contains($"{Year - 1}年还有 1 个岗位未进行年终综合评价", Assert.Single(await f.WarningsAsync(w, WarningRules.AssessmentDue)).GetProperty("message").GetString());
        // this year's 排查修正 is reminded in December when no campaign of this year has been opened
        Assert.Equal(f.App.Today.Month == 12 ? 1 : 0, (await f.WarningsAsync(w, WarningRules.RevisionDue)).Length);
        // a unit-wide grade is not what this scheme asks: the commission cannot record one
        await (await f.As(w.Users["commission"])).Post("/api/v1/assessments", new { orgUnitId = w.U1, year = Year - 1, kind = "Annual", postId = w.P1,
            items = Enumerable.Repeat(new { score = 22 }, 4).ToArray() }).Expect(HttpStatusCode.Forbidden);
        await office.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = Year - 1, kind = "Annual", postId = w.P1,
            items = Enumerable.Repeat(new { score = 22 }, 4).ToArray() }).Expect(HttpStatusCode.Created);
        await f.CampaignAsync(w, "lianyun-finance");
        await f.SweepAsync(w, WarningRules.AssessmentDue, WarningRules.RevisionDue);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.RevisionDue));
        Assert.DoesNotContain(await f.WarningsAsync(w, WarningRules.AssessmentDue), x => x.GetProperty("message").GetString()!.Contains($"{Year - 1}年"));
    }

    [Fact]
    public async Task A_sanjiang_point_takes_its_level_from_the_likelihood_and_harm_matrix_and_a_contradicting_level_is_refused()
    {
        var w = await World.CreateAsync(f, "矩阵");
        var list = await OwnListAsync(w, await f.CampaignAsync(w, "sanjiang-2019"));
        var staff = await f.As(w.Users["staff"]);
        // 发生机率较小 × 造成严重后果 → 二级
        await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "duty", description = "科研经费报销审核不严", likelihood = 3, harm = 2 })
            .Expect(HttpStatusCode.Created);
        var point = (await staff.GetAsync($"/api/v1/lists/{list}").Expect(HttpStatusCode.OK)).GetProperty("riskPoints")[0];
        Assert.Equal(("level2", 3, 2), (point.GetProperty("levelCode").GetString(), point.GetProperty("likelihood").GetInt32(), point.GetProperty("harm").GetInt32()));
        var contradicting = await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "duty", description = "招生录取", levelCode = "level3", likelihood = 1, harm = 3 })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["levelCode"], contradicting.ErrorFields());
        Assert.Contains("风险等级应为“一级”，不是“三级”", contradicting.GetProperty("detail").GetString());
        Assert.Equal(["harm"], (await staff.Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "duty", description = "招生录取", likelihood = 1, harm = 4 })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        var other = await OwnListAsync(w, await f.CampaignAsync(w, "shaoxing-2018"));
        Assert.Equal(["likelihood"], (await staff.Post($"/api/v1/lists/{other}/risk-points", new { categoryCode = "power", description = "x", likelihood = 1, harm = 1 })
            .Expect(HttpStatusCode.BadRequest)).ErrorFields());
        // the editor shows the matrix for a scheme that has one
        var page = await PageClient.LoginAsync(f, w.Users["staff"]);
        var doc = await page.GetAsync($"/Lists/Edit?id={list}");
        Assert.Equal(3, doc.QuerySelectorAll("table[aria-label=风险等级矩阵] tbody tr").Length);
        Assert.NotNull(doc.QuerySelector("select[name='Input.Likelihood']"));
    }

    [Fact]
    [RuleEffect(RuleKinds.IntegrityTalks)]
    public async Task A_person_of_a_longsheng_unit_without_last_years_integrity_talk_is_flagged_until_the_talk_is_recorded()
    {
        var w = await World.CreateAsync(f, "谈话");
        await f.CampaignAsync(w, "longsheng-2012", Year - 1);
        await f.SweepAsync(w, WarningRules.IntegrityTalkDue);
        var flagged = Assert.Single(await f.WarningsAsync(w, WarningRules.IntegrityTalkDue), x => x.GetProperty("targetId").GetInt64() == w.X1);
        Assert.Contains($"王芳{Year - 1}年度未进行廉政谈话", flagged.GetProperty("message").GetString());
        await (await f.As(w.Users["principal"])).Post("/api/v1/inspections", new { type = "Talk", personId = w.X1, date = $"{Year - 1}-12-20", record = "年度廉政谈话：提醒严守财经纪律" })
            .Expect(HttpStatusCode.Created);
        await f.SweepAsync(w, WarningRules.IntegrityTalkDue);
        Assert.DoesNotContain(await f.WarningsAsync(w, WarningRules.IntegrityTalkDue), x => x.GetProperty("targetId").GetInt64() == w.X1);
    }

    [Fact]
    [RuleEffect(RuleKinds.AssessmentFollowUp)]
    public async Task A_failing_longsheng_unit_is_followed_up_within_thirty_days_and_an_excellent_one_is_commended()
    {
        var w = await World.CreateAsync(f, "回访");
        await f.CampaignAsync(w, "longsheng-2012");
        var commission = await f.As(w.Users["commission"]);
        async Task<long> Assess(int score, int? year = null) => (await commission.Post("/api/v1/assessments", new
        {
            orgUnitId = w.U1, year = year ?? Year, kind = "Annual", items = Enumerable.Repeat(new { score }, 4).ToArray(),
        }).Expect(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var failing = await Assess(10);
        await f.SweepAsync(w, WarningRules.FollowUpDue);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.FollowUpDue)); // the 30 days have not passed
        await f.App.WithDbAsync(db => db.Assessments.Where(a => a.Id == failing).ExecuteUpdateAsync(u => u.SetProperty(a => a.AssessedAt, f.App.Time.GetUtcNow().UtcDateTime.AddDays(-40))));
        await f.SweepAsync(w, WarningRules.FollowUpDue);
        Assert.Contains("尚未跟踪回访", Assert.Single(await f.WarningsAsync(w, WarningRules.FollowUpDue)).GetProperty("message").GetString());
        await commission.Post("/api/v1/inspections", new { type = "SiteVisit", orgUnitId = w.U1, record = "跟踪回访：整改措施已落实" }).Expect(HttpStatusCode.Created);
        await f.SweepAsync(w, WarningRules.FollowUpDue);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.FollowUpDue));

        await commission.GetAsync($"/api/v1/assessments/{failing}/commendation").Expect(HttpStatusCode.Conflict);
        // one annual grade a unit and year: the year before's was 优秀
        await commission.Post("/api/v1/assessments", new { orgUnitId = w.U1, year = Year, kind = "Annual", items = Enumerable.Repeat(new { score = 24 }, 4).ToArray() })
            .Expect(HttpStatusCode.Conflict);
        var excellent = await Assess(24, Year - 1);
        var doc = await commission.GetAsync($"/api/v1/assessments/{excellent}/commendation");
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await doc.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains($"{Year - 1}年度廉政风险防范管理工作考核结果为“优秀”（96/100 分），予以通报表彰", word.MainDocumentPart!.Document!.InnerText);
    }

    [Fact]
    [RuleEffect(RuleKinds.KeyPostRerate)]
    public async Task A_key_post_rated_more_than_three_years_ago_is_flagged_until_rated_again()
    {
        var w = await World.CreateAsync(f, "重点岗位");
        var campaign = await f.CampaignAsync(w, "lianyun-finance");
        var list = (await ListsAsync(campaign)).First(l => l.GetProperty("personId").ValueKind == JsonValueKind.Number && l.GetProperty("personId").GetInt32() == w.X1).Id();
        await (await f.As(w.Users["staff"])).Post($"/api/v1/lists/{list}/risk-points", new { categoryCode = "duty", description = "国库资金拨付", levelCode = "level1", postId = w.P1 })
            .Expect(HttpStatusCode.Created);
        // the list was approved (一级: a key post) four years ago
        var approval = await f.App.WithDbAsync(async db =>
        {
            await db.RiskLists.Where(l => l.Id == list).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, Lianfang.Core.Register.ListStatus.Approved));
            var r = new Lianfang.Core.Review.ReviewRecord(list, 1, "group", "领导小组确认", Lianfang.Core.Review.Decision.Approve, 0, "组长", "领导小组", null, "", signed: false,
                f.App.Time.GetUtcNow().UtcDateTime.AddYears(-4));
            db.Reviews.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        await f.SweepAsync(w, WarningRules.KeyPostNotRerated);
        Assert.Contains("已超过 3 年未重新评定", Assert.Single(await f.WarningsAsync(w, WarningRules.KeyPostNotRerated)).GetProperty("message").GetString());
        await f.App.WithDbAsync(db => db.Reviews.Where(r => r.Id == approval).ExecuteUpdateAsync(u => u.SetProperty(r => r.At, f.App.Time.GetUtcNow().UtcDateTime)));
        await f.SweepAsync(w, WarningRules.KeyPostNotRerated);
        Assert.Empty(await f.WarningsAsync(w, WarningRules.KeyPostNotRerated));
    }

    [Fact]
    [RuleEffect(RuleKinds.AnnualRescreening)]
    public async Task A_shaoxing_unit_is_flagged_while_this_years_rescreening_is_not_completed_once_its_quarter_is_near()
    {
        var w = await World.CreateAsync(f, "动态");
        await f.CampaignAsync(w, "shaoxing-2018");
        await f.SweepAsync(w, WarningRules.RescreeningDue);
        // due by the end of Q1: from March the open campaign is reminded, after March it is overdue
        var month = f.App.Today.Month;
        var flagged = await f.WarningsAsync(w, WarningRules.RescreeningDue);
        Assert.Equal(month >= 3 ? 1 : 0, flagged.Length);
        if (month > 3) Assert.Contains($"{Year}年度动态排查应于 {Year}-03-31 前完成", flagged[0].GetProperty("message").GetString());
    }
}

internal static class JsonNodeExtensions
{
    public static T Also<T>(this T node, Action<T> change) { change(node); return node; }
}

[Collection("sqlite")] public sealed class RulesActTests_Sqlite(SqliteFixture f) : RulesActTests(f);
[Collection("postgres")] public sealed class RulesActTests_Postgres(PostgresFixture f) : RulesActTests(f);
