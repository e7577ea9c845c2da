using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Schemes;

/// <summary>A scheme's rules are code: every kind a preset states is one the code carries out, and nothing else is accepted.</summary>
public class RuleKindsTests
{
    private static Scheme Preset(string code) => Presets.Find(code)!;

    private static Scheme WithRule(Scheme s, string kind, Dictionary<string, string>? parameters = null) =>
        s with { Code = "custom", BuiltIn = false, Rules = [.. s.Rules.Where(r => r.Kind != kind), new SchemeRule { Kind = kind, Text = "规定", Parameters = parameters ?? [] }] };

    [Fact]
    public void The_kinds_the_presets_state_are_exactly_the_kinds_the_code_knows()
    {
        var stated = Presets.All.SelectMany(p => p.Rules).Select(r => r.Kind).Distinct().Order().ToList();
        Assert.Equal(RuleKinds.All.Select(k => k.Kind).Order(), stated);
        Assert.All(Presets.All, SchemeValidator.Validate);
    }

    [Fact]
    public void A_rule_kind_the_code_does_not_carry_out_is_refused_naming_the_rule()
    {
        var s = Preset("shaoxing-2018") with { Code = "custom", BuiltIn = false };
        var e = Assert.Throws<DomainException>(() => SchemeValidator.Validate(s with { Rules = [.. s.Rules, new SchemeRule { Kind = "MonthlyReport", Text = "每月报告" }] }));
        Assert.Equal($"rules[{s.Rules.Count}].kind", e.Field);
        Assert.Contains("“MonthlyReport”系统无法执行", e.Message);
        Assert.Contains("RequiredItems（五项内容齐全）", e.Message);
    }

    [Theory]
    [InlineData("Filing", "levels", "critical", "不存在的风险等级“critical”")]
    [InlineData("LeaderInspections", "perYear", "两次", "应为正整数")]
    [InlineData("AnnualRescreening", "quarter", "5", "（1–4）")]
    [InlineData("RequiredItems", "items", "description,photo", "五项内容中没有“photo”")]
    [InlineData("LeaderInspections", "perMonth", "1", "没有参数“perMonth”")]
    [InlineData("AssessmentGrades", "grades", "好,差", "须同时规定各等次的最低得分率")]
    public void A_parameter_the_rule_cannot_read_is_refused(string kind, string parameter, string value, string message)
    {
        var e = Assert.Throws<DomainException>(() => SchemeValidator.Validate(WithRule(Preset("shaoxing-2018"), kind, new() { [parameter] = value })));
        Assert.StartsWith($"rules[", e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Assessment_rules_need_the_schemes_standards_and_the_standards_are_checked()
    {
        var s = Preset("longsheng-2012") with { Code = "custom", BuiltIn = false };
        var none = Assert.Throws<DomainException>(() => SchemeValidator.Validate(s with { Assessment = null }));
        Assert.Equal("assessment", none.Field);
        Assert.Contains("QuarterlySelfAssessment 须有方案的考核标准", none.Message);
        var a = s.Assessment!;
        Assert.Equal("assessment.criteria[1].max", Assert.Throws<DomainException>(() => SchemeValidator.Validate(s with
            { Assessment = a with { Criteria = [a.Criteria[0], a.Criteria[1] with { Max = 0 }] } })).Field);
        Assert.Equal("assessment.criteria", Assert.Throws<DomainException>(() => SchemeValidator.Validate(s with { Assessment = a with { Criteria = [] } })).Field);
        Assert.Equal("assessment.by", Assert.Throws<DomainException>(() => SchemeValidator.Validate(s with { Assessment = a with { By = StageActor.Holder } })).Field);
        Assert.Equal("assessment.of", Assert.Throws<DomainException>(() => SchemeValidator.Validate(s with { Assessment = a with { Of = ListScope.Department } })).Field);
        // the presets: 003 and 004 assess the unit through the commission, 002's 领导小组 each post; 000 and 001 assess nothing
        Assert.Equal((ListScope.Unit, StageActor.Commission, 100), (a.Of, a.By, a.MaxScore()));
        Assert.Equal((ListScope.Post, StageActor.LeadingGroup), (Preset("lianyun-finance").Assessment!.Of, Preset("lianyun-finance").Assessment!.By));
        Assert.Equal(ListScope.Unit, Preset("sanjiang-2019").Assessment!.Of);
        Assert.Null(Preset("shaoxing-2018").Assessment);
        Assert.Null(Preset("shaoxing-health-2018").Assessment);
        Assert.Contains("未规定各项分值", a.Note);
    }

    [Fact]
    public void A_level_supervisor_is_a_role_that_can_supervise_and_a_level_of_the_scheme()
    {
        var s = Preset("lianyun-finance");
        Assert.Contains("不是可用的角色", Assert.Throws<DomainException>(() => SchemeValidator.Validate(WithRule(s, RuleKinds.LevelSupervisor, new() { ["level1"] = "Helpers" }))).Message);
        Assert.Contains("不存在的风险等级“level9”", Assert.Throws<DomainException>(() => SchemeValidator.Validate(WithRule(s, RuleKinds.LevelSupervisor, new() { ["level9"] = "Principal" }))).Message);
    }

    [Fact]
    public void Every_stage_signed_refuses_an_unsigned_review_stage_but_allows_the_publicity_stage()
    {
        var s = Preset("longsheng-2012");
        SchemeValidator.Validate(s with { Code = "custom", BuiltIn = false }); // 单位内公示 is unsigned and allowed
        var unsigned = s with
        {
            Code = "custom", BuiltIn = false,
            ListKinds = [.. s.ListKinds.Select(k => k.Scope == ListScope.Person ? k with { Stages = [.. k.Stages.Select(st => st.Code == "dept_head" ? st with { Signed = false } : st)] } : k)],
        };
        var e = Assert.Throws<DomainException>(() => SchemeValidator.Validate(unsigned));
        Assert.Contains("“科室领导审核”必须签字", e.Message);
        SchemeValidator.Validate(unsigned with { Rules = [.. s.Rules.Where(r => r.Kind != RuleKinds.EveryStageSigned)] }); // without the rule it may be
    }

    [Fact]
    public void Each_rule_says_where_it_acts()
    {
        string[] Acts(string scheme, string kind) => [.. RuleKinds.Acts(Preset(scheme), Preset(scheme).Rule(kind)!)];
        Assert.Equal(["submit", "stage:agency"], Acts("shaoxing-2018", RuleKinds.RequiredItems));
        Assert.Equal(["approval"], Acts("shaoxing-2018", RuleKinds.Filing));
        Assert.Equal(["sweep"], Acts("shaoxing-2018", RuleKinds.LeaderInspections));
        Assert.Equal(["stage:publish", "publish", "sweep"], Acts("longsheng-2012", RuleKinds.Publication));
        Assert.Equal(["publish", "sweep"], Acts("lianyun-finance", RuleKinds.Publication));
        Assert.Equal(["approval", "sweep"], Acts("sanjiang-2019", RuleKinds.LevelSupervisor));
        Assert.All(Presets.All.SelectMany(p => p.Rules.Select(r => RuleKinds.Acts(p, r))), acts => Assert.NotEmpty(acts));
        Assert.Equal("“派驻机构审核”环节通过前", RuleMoment.Label("stage:agency", Preset("shaoxing-2018")));
    }
}
