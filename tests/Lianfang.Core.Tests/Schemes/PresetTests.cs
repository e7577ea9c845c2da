using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Schemes;

/// <summary>Each built-in preset checked against the seed it was taken from (../shared/seeds relative to the repository, DESIGN.md §3).</summary>
public class PresetTests
{
    public static TheoryData<string> Codes => new(Presets.Codes);

    private static Scheme Preset(string code) => Presets.Find(code) ?? throw new InvalidOperationException($"preset {code} not found");

    private static string[] Names(IEnumerable<RiskCategoryDef> categories) => [.. categories.Select(c => c.Name)];

    private static (string Name, StageActor Actor)[] Stages(Scheme s, ListScope scope) =>
        [.. s.ListKinds.Single(k => k.Scope == scope).Stages.Select(st => (st.Name, st.Actor))];

    private static SchemeRule Rule(Scheme s, string kind) => Assert.Single(s.Rules, r => r.Kind == kind);

    private static FormDef Form(Scheme s, string code) => Assert.Single(s.Forms, f => f.Code == code);

    private static bool IsAsciiCode(string code) => code.Length > 0 && code.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-');

    // ---- all presets ----

    [Fact]
    public void All_five_presets_load_through_Presets_All_as_built_in_with_their_seed()
    {
        Assert.Equal(
            ["shaoxing-2018", "shaoxing-health-2018", "lianyun-finance", "longsheng-2012", "sanjiang-2019"],
            Presets.All.Select(p => p.Code));
        Assert.All(Presets.All, p => Assert.True(p.BuiltIn));
        Assert.Equal(["000", "001", "002", "003", "004"], Presets.All.Select(p => p.Seed));
        Assert.Equal([2018, 2018, null, 2012, 2019], Presets.All.Select(p => p.Year));
        Assert.Null(Presets.Find("no-such-scheme"));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_preset_is_internally_consistent(string code)
    {
        var s = Preset(code);
        Assert.Equal(code, s.Code);
        Assert.False(string.IsNullOrWhiteSpace(s.Name));
        Assert.False(string.IsNullOrWhiteSpace(s.Issuer));

        Assert.NotEmpty(s.Categories);
        Assert.All(s.Categories, c => Assert.True(IsAsciiCode(c.Code), c.Code));
        Assert.Distinct(s.Categories.Select(c => c.Code));
        Assert.Distinct(s.Categories.Select(c => SchemeText.Normalize(c.Name)));
        // A name or alias always leads back to its own category, never to a neighbour.
        Assert.All(s.Categories, c =>
        {
            Assert.Same(c, s.FindCategory(c.Name));
            Assert.Same(c, s.FindCategory(c.Code));
            Assert.All(c.Aliases, a => Assert.Same(c, s.FindCategory(a)));
            Assert.All(c.ReferenceManifestations, m => Assert.False(string.IsNullOrWhiteSpace(m)));
        });

        Assert.NotEmpty(s.Levels);
        Assert.All(s.Levels, l => Assert.True(IsAsciiCode(l.Code), l.Code));
        Assert.Distinct(s.Levels.Select(l => l.Code));
        Assert.Equal(Enumerable.Range(1, s.Levels.Count), s.Levels.Select(l => l.Rank));
        Assert.All(s.Levels, l =>
        {
            Assert.Same(l, s.FindLevel(l.Name));
            Assert.Same(l, s.FindLevel(l.Code));
            Assert.All(l.Aliases, a => Assert.Same(l, s.FindLevel(a)));
        });

        Assert.NotEmpty(s.ListKinds);
        Assert.Distinct(s.ListKinds.Select(k => k.Scope));
        Assert.All(s.ListKinds, k =>
        {
            Assert.False(string.IsNullOrWhiteSpace(k.Name));
            Assert.NotEmpty(k.Stages);
            Assert.Distinct(k.Stages.Select(st => st.Code));
            Assert.All(k.Stages, st => Assert.True(IsAsciiCode(st.Code), st.Code));
            Assert.All(k.Stages, st => Assert.False(string.IsNullOrWhiteSpace(st.Name)));
        });

        Assert.Distinct(s.Forms.Select(f => f.Code));
        Assert.All(s.Forms, f =>
        {
            Assert.True(IsAsciiCode(f.Code), f.Code);
            Assert.False(string.IsNullOrWhiteSpace(f.Title));
            Assert.NotEmpty(f.Columns);
            Assert.Distinct(f.Columns);
        });

        Assert.NotEmpty(s.Rules);
        Assert.All(s.Rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Kind));
            Assert.False(string.IsNullOrWhiteSpace(r.Text));
        });
        // Rules that name levels name existing ones.
        var levelCodes = s.Levels.Select(l => l.Code).ToHashSet();
        foreach (var r in s.Rules.Where(r => r.Parameters.ContainsKey("levels")))
            Assert.All(r.Parameters["levels"].Split(','), c => Assert.Contains(c, levelCodes));
        foreach (var r in s.Rules.Where(r => r.Kind == "LevelSupervisor"))
            Assert.All(r.Parameters, p =>
            {
                Assert.Contains(p.Key, levelCodes);
                Assert.True(Enum.TryParse<StageActor>(p.Value, out _), p.Value);
            });
        foreach (var r in s.Rules.Where(r => r.Parameters.ContainsKey("forms")))
            Assert.All(r.Parameters["forms"].Split(','), c => Assert.Contains(s.Forms, f => f.Code == c));

        if (s.Matrix is { } m)
        {
            Assert.Equal(m.Likelihoods.Count, m.Cells.Count);
            Assert.All(m.Cells, row => Assert.Equal(m.Harms.Count, row.Count));
            Assert.All(m.Cells.SelectMany(row => row), c => Assert.Contains(c, levelCodes));
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_preset_survives_a_json_round_trip_unchanged(string code)
    {
        var json = SchemeJson.Write(Preset(code));
        Assert.Equal(json, SchemeJson.Write(SchemeJson.Read(json)));
        Assert.Contains("\"actor\": \"", json);
    }

    // ---- 000 绍兴市纪委 2018 ----

    [Fact]
    public void Shaoxing_2018_has_the_seven_categories_of_seed_000_and_two_levels()
    {
        var s = Preset("shaoxing-2018");
        Assert.Equal("000", s.Seed);
        Assert.Equal(["决策廉洁风险", "作风问题廉洁风险", "权力运行廉洁风险", "岗位廉洁风险", "制度廉洁风险", "运行机制廉洁风险", "其他廉洁风险"], Names(s.Categories));
        Assert.Equal(["decision", "conduct", "power", "post", "system", "mechanism", "other"], s.Categories.Select(c => c.Code));
        Assert.Contains("“围猎”", s.Category("other")!.Definition);
        Assert.Contains("“三重一大”", s.Category("decision")!.Definition);

        Assert.Equal(["重要", "一般"], s.Levels.Select(l => l.Name));
        var important = s.Level("important")!;
        Assert.Equal(1, important.Rank);
        Assert.Equal(["important"], s.RuleList(RuleKinds.Filing, "levels"));
        Assert.Equal(["important"], s.RuleList(RuleKinds.ProjectSupervision, "levels"));
        Assert.Contains("自由裁量权较大", important.Definition);
        var general = s.Level("general")!;
        Assert.Equal(2, general.Rank);
        Assert.Null(s.Matrix);
    }

    [Fact]
    public void Shaoxing_2018_finds_important_written_with_a_space_and_categories_by_their_short_names()
    {
        var s = Preset("shaoxing-2018");
        Assert.Equal("important", s.FindLevel("重 要")?.Code);
        Assert.Equal("important", s.FindLevel("重要风险")?.Code);
        Assert.Equal("general", s.FindLevel("一般廉洁风险点")?.Code);
        Assert.Equal("decision", s.FindCategory("决策风险")?.Code);
        Assert.Equal("decision", s.FindCategory("决策")?.Code);
        Assert.Equal("conduct", s.FindCategory("作风风险")?.Code);
        Assert.Equal("other", s.FindCategory("其他（被“围猎”）")?.Code);
    }

    [Fact]
    public void Shaoxing_2018_screens_five_ways_and_reviews_through_dept_head_leader_principal_and_agency()
    {
        var s = Preset("shaoxing-2018");
        Assert.Equal(["单位自查", "内部互查", "代表帮查", "专家助查", "纪检监察机构协查"], s.ScreeningSources);
        Assert.Equal(["查阅资料", "实地走访", "座谈约谈", "民主评议"], s.SupervisionMethods);
        Assert.Equal(["制度建设", "工作流程", "廉洁教育"], s.MeasureKinds);
        Assert.Equal(
            [("处室负责人把关", StageActor.DeptHead), ("分管领导把关", StageActor.LeaderInCharge), ("主要领导把关", StageActor.Principal), ("派驻机构审核", StageActor.Agency)],
            Stages(s, ListScope.Post));
        Assert.Contains("中层岗位", s.ListKinds.Single(k => k.Scope == ListScope.Post).Name);
        // The unit's own list is compiled from the post lists already checked below the principal; 代表帮查、专家助查 and
        // the agency's 协查 (three of the 五项排查) are heard on it before the principal sets the levels.
        Assert.Equal([("代表帮查、专家助查、纪检监察机构协查", StageActor.PartyOffice), ("主要领导把关", StageActor.Principal), ("派驻机构审核", StageActor.Agency)],
            Stages(s, ListScope.Unit));
        var helpers = s.ListKind(ListScope.Unit).Stages[0];
        Assert.True(helpers is { HelpersMayComment: true, AgencyJoins: true, RevisesContent: false, SetsLevels: false });
    }

    [Fact]
    public void Shaoxing_2018_states_inspections_project_supervision_filing_responsible_leader_and_yearly_rescreening()
    {
        var s = Preset("shaoxing-2018");
        Assert.Equal("2", Rule(s, "LeaderInspections").Parameters["perYear"]);
        Assert.Equal("important", Rule(s, "ProjectSupervision").Parameters["levels"]);
        Assert.Equal("important", Rule(s, "Filing").Parameters["levels"]);
        Assert.Contains("责任领导", Rule(s, "ResponsibleLeader").Text);
        var rescreen = Rule(s, "AnnualRescreening");
        Assert.Equal("1", rescreen.Parameters["quarter"]);
        Assert.Equal("2018-05-31", rescreen.Parameters["firstDeadline"]);
        Assert.Contains("五项内容", Rule(s, "RequiredItems").Text);
        Assert.Contains("四种形态", Rule(s, "DispositionToIntegrityFile").Text);
    }

    [Fact]
    public void Shaoxing_2018_prints_the_list_with_the_five_items_in_landscape_and_signature_lines()
    {
        var f = Form(Preset("shaoxing-2018"), "annex1");
        Assert.Equal("廉洁风险防控清单", f.Title);
        Assert.Equal(["序号", "廉洁风险点描述", "防控措施", "监督检查路径", "风险等级", "相关责任人"], f.Columns);
        Assert.True(f.Landscape);
        Assert.Equal(["处室（单位）主要负责人签字", "责任领导（分管领导）审核签字"], f.Signatures);
    }

    // ---- 001 绍兴市卫生计生委 2018 ----

    [Fact]
    public void Shaoxing_health_2018_keeps_the_categories_and_levels_of_shaoxing_2018_but_files_without_project_supervision()
    {
        var s = Preset("shaoxing-health-2018");
        var city = Preset("shaoxing-2018");
        Assert.Equal(Names(city.Categories), Names(s.Categories));
        Assert.Equal(city.Categories.Select(c => c.Code), s.Categories.Select(c => c.Code));
        // The health commission's own wording of the decision category.
        Assert.Contains("主任(院、站、所长)办公会议", s.Category("decision")!.Definition);
        Assert.Equal(["重要", "一般"], s.Levels.Select(l => l.Name));
        Assert.Equal([1, 2], s.Levels.Select(l => l.Rank));
        Assert.Equal(["important"], s.RuleList(RuleKinds.Filing, "levels"));
        // Seed 001 never mentions 立项监督.
        Assert.False(s.Has(RuleKinds.ProjectSupervision));
    }

    [Fact]
    public void Shaoxing_health_2018_runs_five_stages_from_post_self_check_to_party_committee_with_helpers_commenting()
    {
        var s = Preset("shaoxing-health-2018");
        Assert.Equal(
            [
                ("汇总岗位自查·逐条逐栏签字", StageActor.Holder),
                ("处室（单位）排查·主要负责人审签", StageActor.DeptHead),
                ("分管委领导审查", StageActor.LeaderInCharge),
                ("代表帮查、专家助查、纪检监察组协查", StageActor.PartyOffice),
                ("委党委审定", StageActor.Principal),
            ],
            Stages(s, ListScope.Department));
        var stages = s.ListKind(ListScope.Department).Stages;
        Assert.Equal(["helpers"], stages.Where(st => st.HelpersMayComment).Select(st => st.Code));
        Assert.Equal([("岗位自查", StageActor.Holder), ("委党委审定", StageActor.Principal)], Stages(s, ListScope.Person));
        Assert.All(stages, st => Assert.True(st.Signed));
        Assert.Equal(["岗位自查", "内部互查", "代表帮查", "专家助查", "驻委纪检监察组协查"], s.ScreeningSources);
    }

    [Fact]
    public void Shaoxing_health_2018_states_signatures_per_stage_and_row_inspections_filing_and_q1_rescreening()
    {
        var s = Preset("shaoxing-health-2018");
        Assert.Contains("逐条逐栏签字", Rule(s, "EveryStageSigned").Text);
        Assert.Contains("一个风险点一栏", Rule(s, "RowSignatures").Text);
        Assert.Equal("2", Rule(s, "LeaderInspections").Parameters["perYear"]);
        Assert.Equal("important", Rule(s, "Filing").Parameters["levels"]);
        Assert.Equal("1", Rule(s, "AnnualRescreening").Parameters["quarter"]);
        Assert.False(Rule(s, "AnnualRescreening").Parameters.ContainsKey("firstDeadline"));
        Assert.Single(s.Rules, r => r.Kind == "ResponsibleLeader");
        Assert.DoesNotContain(s.Rules, r => r.Kind == "ProjectSupervision");
    }

    [Fact]
    public void Shaoxing_health_2018_prints_annex_1_with_its_two_signature_lines()
    {
        var f = Form(Preset("shaoxing-health-2018"), "annex1");
        Assert.Equal("市卫生计生委廉洁风险防控清单", f.Title);
        Assert.Equal(ListScope.Department, f.For);
        Assert.Equal(["序号", "廉洁风险点描述", "防控措施", "监督检查路径", "风险等级", "相关责任人"], f.Columns);
        Assert.Equal(["处室（单位）主要负责人签字", "责任领导（分管委领导）审核签字"], f.Signatures);
    }

    // ---- 002 连云区财政局 ----

    [Fact]
    public void Lianyun_finance_has_five_categories_and_three_levels_with_their_definitions_and_monitors()
    {
        var s = Preset("lianyun-finance");
        Assert.Equal(["思想道德", "岗位职责", "业务流程", "制度机制", "外部环境"], Names(s.Categories));
        Assert.Equal("external", s.FindCategory("外部环境风险")?.Code);
        Assert.Equal(["一级", "二级", "三级"], s.Levels.Select(l => l.Name));
        Assert.Equal([1, 2, 3], s.Levels.Select(l => l.Rank));
        Assert.Contains("被司法机关追究刑事责任", s.Level("level1")!.Definition);
        Assert.Contains("受到党纪政纪处分", s.Level("level2")!.Definition);
        Assert.Contains("通报批评、诫勉或警示谈话", s.Level("level3")!.Definition);
        Assert.Equal(["局主要领导", "局分管领导", "各岗位"], s.Levels.Select(l => l.Monitor));
        Assert.Equal("level1", s.FindLevel("一级风险")?.Code);
        Assert.Null(s.Matrix);
        Assert.Empty(s.Forms);
    }

    [Fact]
    public void Lianyun_finance_reviews_from_self_check_to_leading_group_and_measures_in_three_phases()
    {
        var s = Preset("lianyun-finance");
        (string, StageActor)[] expected =
        [
            ("个人自查", StageActor.Holder), ("单位检查", StageActor.DeptHead), ("交叉互查", StageActor.Peers),
            ("群众评议", StageActor.Public), ("领导小组确认", StageActor.LeadingGroup),
        ];
        Assert.Equal(expected, Stages(s, ListScope.Person));
        Assert.Equal(expected, Stages(s, ListScope.Post));
        Assert.Equal(["前期预防", "中期监控", "后期处置"], s.MeasurePhases);
        Assert.Equal(["自己找", "领导提", "群众帮", "集体定"], s.ScreeningSources);
    }

    [Fact]
    public void Lianyun_finance_supervises_by_level_and_rerates_key_posts_every_three_years()
    {
        var s = Preset("lianyun-finance");
        var graded = Rule(s, "LevelSupervisor").Parameters;
        Assert.Equal(StageActor.Principal, Enum.Parse<StageActor>(graded["level1"]));
        Assert.Equal(StageActor.LeaderInCharge, Enum.Parse<StageActor>(graded["level2"]));
        Assert.Equal(StageActor.Holder, Enum.Parse<StageActor>(graded["level3"]));
        Assert.Equal("3", Rule(s, "KeyPostRerate").Parameters["years"]);
        Assert.Contains("绩效考核", Rule(s, "AnnualAssessment").Text);
        Assert.Contains("公示", Rule(s, "Publication").Text);
    }

    // ---- 003 龙胜县纪委 2012 ----

    [Fact]
    public void Longsheng_2012_has_three_basic_categories_plus_three_optional_and_levels_by_who_monitors()
    {
        var s = Preset("longsheng-2012");
        Assert.Equal(["思想道德风险", "岗位职责风险", "制度机制风险"], Names(s.Categories.Where(c => !c.Optional)));
        Assert.Equal(["效能风险", "执法风险", "监管风险"], Names(s.Categories.Where(c => c.Optional)));
        Assert.Contains("“以权谋私”", s.Category("morality")!.Definition);
        Assert.Contains("阳奉阴违、我行我素", s.Category("morality")!.ReferenceManifestations);
        Assert.Equal(["一级", "二级", "三级"], s.Levels.Select(l => l.Name));
        Assert.Equal(["纪检监察", "效能监察", "部门领导"], s.Levels.Select(l => l.Monitor));
        Assert.Contains("违反党纪国法", s.Level("level1")!.Definition);
        Assert.Contains("单位内部管理制度", s.Level("level3")!.Definition);
        Assert.Equal(["前期预防", "中期监控", "后期处置"], s.MeasurePhases);
    }

    [Fact]
    public void Longsheng_2012_reviews_personal_lists_in_seven_stages_as_annex_4_draws_them()
    {
        Assert.Equal(
            [
                ("个人自查", StageActor.Holder),
                ("科室其他人员帮查", StageActor.Colleagues),
                ("科室领导审核", StageActor.DeptHead),
                ("领导小组办公室审核", StageActor.LeadingGroupOffice),
                ("返回本人确认填表", StageActor.Holder),
                ("领导小组审核", StageActor.LeadingGroup),
                ("领导班子审核确定", StageActor.Principal),
            ],
            Stages(Preset("longsheng-2012"), ListScope.Person));
    }

    [Fact]
    public void Longsheng_2012_reviews_department_lists_in_six_stages_with_an_unsigned_publication()
    {
        var s = Preset("longsheng-2012");
        Assert.Equal(
            [
                ("科室自查", StageActor.DeptHead),
                ("分管领导审核", StageActor.LeaderInCharge),
                ("领导小组审核", StageActor.LeadingGroup),
                ("返回科室确认填表", StageActor.DeptHead),
                ("单位内公示", StageActor.Public),
                ("领导班子审核确定", StageActor.Principal),
            ],
            Stages(s, ListScope.Department));
        var stages = s.ListKinds.Single(k => k.Scope == ListScope.Department).Stages;
        Assert.Equal(["publish"], stages.Where(st => !st.Signed).Select(st => st.Code));
    }

    [Fact]
    public void Longsheng_2012_prints_annexes_1_2_and_5_to_9_with_the_seed_titles_and_columns()
    {
        var s = Preset("longsheng-2012");
        Assert.Equal(["annex1", "annex2", "annex5", "annex6", "annex7", "annex8", "annex9"], s.Forms.Select(f => f.Code));
        Assert.Equal("行政职权目录总表", Form(s, "annex1").Title);
        Assert.Equal(["序号", "类别", "项目名称"], Form(s, "annex1").Columns);
        Assert.StartsWith("行政职权目录分表", Form(s, "annex2").Title);
        Assert.Equal(["序号", "项目名称", "实施主体", "实施依据", "公开形式", "公开范围", "公开时间", "收费(征收)依据和标准", "承办机构", "备注"], Form(s, "annex2").Columns);

        var annex5 = Form(s, "annex5");
        Assert.Equal("龙胜县个人廉政风险点查找表", annex5.Title);
        Assert.Equal(ListScope.Person, annex5.For);
        Assert.Equal(["风险类别", "具体内容及表现形式"], annex5.Columns);
        Assert.Equal("龙胜县部门廉政风险点查找表", Form(s, "annex6").Title);
        Assert.Equal(["填表人签字", "第一责任人签字"], Form(s, "annex6").Signatures);

        var annex7 = Form(s, "annex7");
        Assert.Equal("龙胜县部门廉政风险识别、防控、监督登记表", annex7.Title);
        Assert.Equal(["风险类别", "潜在风险点", "防控措施"], annex7.Columns);
        Assert.Contains("改正意见", annex7.Signatures);

        var annex8 = Form(s, "annex8");
        Assert.Equal("龙胜县个人廉政风险识别、防控、监督登记表", annex8.Title);
        Assert.Equal(ListScope.Person, annex8.For);
        Assert.Equal(["风险类别", "潜在风险点及表现", "防控措施"], annex8.Columns);
        Assert.Equal(["个人防范风险公开承诺", "填表人签字", "分管领导签字"], annex8.Signatures);

        var annex9 = Form(s, "annex9");
        Assert.Equal("龙胜县廉政风险识别、防控、监督汇总表（部门）", annex9.Title);
        // the county's name prints for its own units only; another county running the regime gets the title without it
        Assert.Equal("龙胜县廉政风险识别、防控、监督汇总表（部门）", annex9.TitleFor(["财政局", "龙胜各族自治县纪委监委"]));
        Assert.Equal("廉政风险识别、防控、监督汇总表（部门）", annex9.TitleFor(["卫健委", "示范市纪委监委"]));
        Assert.Equal("行政职权目录总表", Form(s, "annex1").TitleFor(["示范市纪委监委"]));
        Assert.Equal(["填报单位（科室）", "参与查找人数（人）", "三类风险合计（个）"], annex9.Columns.Take(3));
        Assert.Equal(9, annex9.Columns.Count(c => c.Contains("风险点（")));
        Assert.Contains("2．岗位职责风险点（三级）", annex9.Columns);
        Assert.Equal(["防控措施（个）", "监督办法（个）", "新建立制度（个）", "修订制度（个）"], annex9.Columns.TakeLast(4));
        Assert.True(annex9.Landscape);
        Assert.Equal(["填报人签字", "主管领导签字"], annex9.Signatures);
    }

    [Fact]
    public void Longsheng_2012_states_quarterly_self_assessment_half_year_spot_checks_own_lists_and_signed_stages()
    {
        var s = Preset("longsheng-2012");
        Assert.Contains("每季度", Rule(s, "QuarterlySelfAssessment").Text);
        Assert.Equal("LeadingGroupOffice", Rule(s, "QuarterlySelfAssessment").Parameters["reportTo"]);
        Assert.Equal("6", Rule(s, "HalfYearSpotCheck").Parameters["months"]);
        Assert.Contains("任何人不得代替撰写廉政风险点", Rule(s, "HolderWritesOwnList").Text);
        Assert.Contains("必须签字", Rule(s, "EveryStageSigned").Text);
        Assert.Contains("桌卡", Rule(s, "Publication").Text);
        Assert.Equal("优秀,良好,及格,不及格", Rule(s, "AssessmentGrades").Parameters["grades"]);
    }

    // ---- 004 三江学院 2019 ----

    [Fact]
    public void Sanjiang_2019_has_the_five_categories_of_section_four_and_resolves_the_form_names_by_alias()
    {
        var s = Preset("sanjiang-2019");
        Assert.Equal(["思想意识风险", "职责履行风险", "工作流程风险", "制度机制风险", "外部环境风险"], Names(s.Categories));
        Assert.StartsWith("主要是由于个人思想认识、道德修养", s.Category("ideology")!.Definition);
        Assert.EndsWith("徇私舞弊、权钱交易的风险", s.Category("external")!.Definition);
        // 附件2/附件3 label the rows 思想道德风险 and 岗位职责风险.
        Assert.Equal("思想意识风险", s.FindCategory("思想道德")?.Name);
        Assert.Equal("思想意识风险", s.FindCategory("思想道德风险")?.Name);
        Assert.Equal("职责履行风险", s.FindCategory("岗位职责")?.Name);
        Assert.Equal("职责履行风险", s.FindCategory("岗位职责风险")?.Name);
        Assert.Equal("process", s.FindCategory("工作流程风险")?.Code);
    }

    [Fact]
    public void Sanjiang_2019_offers_the_typical_manifestations_of_annex_1_for_every_category()
    {
        var s = Preset("sanjiang-2019");
        Assert.All(s.Categories, c => Assert.NotEmpty(c.ReferenceManifestations));
        Assert.Equal([8, 7, 7, 7, 7], s.Categories.Select(c => c.ReferenceManifestations.Count));
        Assert.Equal("是否树牢“四个意识”，坚定“四个自信”，坚决做到“两个维护”", s.Category("ideology")!.ReferenceManifestations[0]);
        Assert.Contains("社会力量“围猎”", s.Category("external")!.ReferenceManifestations);
        Assert.Contains("个人自由裁量空间过大", s.Category("system")!.ReferenceManifestations);
        // The catch-all "其它" of annex 1 is no suggestion.
        Assert.DoesNotContain(s.Categories.SelectMany(c => c.ReferenceManifestations), m => m == "其它");
    }

    [Fact]
    public void Sanjiang_2019_defines_three_levels_by_likelihood_and_harm_and_its_matrix_diagonal_is_those_definitions()
    {
        var s = Preset("sanjiang-2019");
        Assert.Equal(["一级", "二级", "三级"], s.Levels.Select(l => l.Name));
        Assert.Equal([1, 2, 3], s.Levels.Select(l => l.Rank));
        var m = s.Matrix!;
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(m.Likelihoods[i], s.Levels[i].Definition);
            Assert.Contains(m.Harms[i], s.Levels[i].Definition);
            Assert.Equal(s.Levels[i].Code, m.Derive(i, i));
        }
    }

    // Section 五 grades "根据风险发生的机率大小或可能造成的危害损失程度": either criterion alone places a risk at a level,
    // so when likelihood and harm point to different levels the cell takes the more severe one (level = min index).
    [Theory]
    [InlineData(0, 2, "level1")] // 发生机率很高 alone makes 一级 even with 轻微 harm
    [InlineData(2, 0, "level1")] // 特别严重后果 alone makes 一级 even when unlikely
    [InlineData(1, 2, "level2")]
    [InlineData(2, 1, "level2")]
    [InlineData(1, 1, "level2")]
    [InlineData(2, 2, "level3")] // only 较小 and 轻微 together stay at 三级
    public void Sanjiang_2019_matrix_takes_the_more_severe_of_likelihood_and_harm_because_section_five_grades_by_either(int likelihood, int harm, string level)
    {
        var m = Preset("sanjiang-2019").Matrix!;
        Assert.Equal(level, m.Derive(likelihood, harm));
        Assert.Equal($"level{Math.Min(likelihood, harm) + 1}", m.Derive(likelihood, harm));
    }

    [Fact]
    public void Sanjiang_2019_registers_units_and_posts_with_self_rated_and_approved_levels()
    {
        var s = Preset("sanjiang-2019");
        Assert.Equal([("岗位自评", StageActor.Holder), ("单位负责人审核", StageActor.Principal)], Stages(s, ListScope.Post));
        Assert.Equal([("单位负责人审核", StageActor.Principal), ("分管校领导意见", StageActor.LeaderInCharge)], Stages(s, ListScope.Unit));
        Assert.Equal(["前期预防", "中期监控", "后期处置"], s.MeasurePhases);

        var unit = Form(s, "annex2");
        Assert.Equal("单位廉政风险防控登记表", unit.Title);
        Assert.Equal(ListScope.Unit, unit.For);
        Assert.Equal(["风险类别", "具体风险点", "风险等级（自评）", "风险等级（审定）", "防控措施"], unit.Columns);
        Assert.Equal(["单位审核意见：单位负责人签字（盖章）", "分管校领导意见：签字"], unit.Signatures);

        var post = Form(s, "annex3");
        Assert.Equal("岗位廉政风险防控登记表", post.Title);
        Assert.Equal(ListScope.Post, post.For);
        Assert.Equal(unit.Columns, post.Columns);
        Assert.Equal(["单位审核意见：单位负责人签字（盖章）", "责任人签字"], post.Signatures);
    }
}
