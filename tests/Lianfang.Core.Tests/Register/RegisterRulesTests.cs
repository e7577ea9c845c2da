using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Register;

public class RegisterRulesTests
{
    private static readonly Scheme Shaoxing = Presets.Find("shaoxing-2018")!;
    private static readonly Scheme Longsheng = Presets.Find("longsheng-2012")!;

    private static RiskList List(ListScope scope = ListScope.Unit, int? holder = null, Scheme? scheme = null) =>
        new(new Campaign("2026年度排查", 2026, scheme ?? Shaoxing, 1, new DateOnly(2026, 5, 31), null, Times.Now), scope, 10, scope is ListScope.Post or ListScope.Person ? 5 : null, holder);

    private static RiskPointContent Content(string category = "decision", string level = "important", string description = "决策不民主", params string[] measures) =>
        new(category, description, null, level, null, null, null, measures.Select(m => new ControlMeasure(m)).ToList(), null, null);

    private static void SetId(RiskPoint p, long id) => typeof(RiskPoint).GetProperty(nameof(RiskPoint.Id))!.SetValue(p, id);

    [Fact]
    public void A_point_takes_codes_names_or_aliases_and_keeps_the_codes()
    {
        var p = new RiskPoint(List(), 1, Shaoxing, Content("决策廉洁风险", "重 要"));
        Assert.Equal("decision", p.CategoryCode);
        Assert.Equal("important", p.LevelCode);
        Assert.Equal("决策不民主", p.SearchText);
    }

    [Theory]
    [InlineData("morality", "important", "x", "categoryCode", "风险类别“morality”不属于方案“绍兴市廉洁风险防控（2018）”，可选：决策廉洁风险、")]
    [InlineData("", "important", "x", "categoryCode", "请选择风险类别")]
    [InlineData("decision", "level1", "x", "levelCode", "可选：重要、一般")]
    [InlineData("decision", " ", "x", "levelCode", "请选择风险等级")]
    [InlineData("decision", "important", " ", "description", "")]
    public void A_point_outside_the_scheme_or_without_description_is_refused_in_words_users_know(string category, string level, string description, string field, string message)
    {
        var ex = Assert.Throws<DomainException>(() => new RiskPoint(List(), 1, Shaoxing, Content(category, level, description)));
        Assert.Equal(field, ex.Field);
        Assert.Contains(message, ex.Message);
        Assert.DoesNotContain("decision（", ex.Message); // no internal codes
    }

    [Fact]
    public void Measures_of_an_unknown_kind_are_refused_and_search_text_covers_them()
    {
        var bad = Content() with { Measures = [new ControlMeasure("公示", Kind: "乱写")] };
        Assert.Equal("measures[0].kind", Assert.Throws<DomainException>(() => new RiskPoint(List(), 1, Shaoxing, bad)).Field);
        var p = new RiskPoint(List(), 1, Shaoxing, Content(measures: ["集体决策", "会议纪要存档"]));
        Assert.Contains("会议纪要存档", p.SearchText);
    }

    [Fact]
    public void A_list_under_review_takes_no_changes()
    {
        var list = List();
        var p = new RiskPoint(list, 1, Shaoxing, Content());
        typeof(RiskList).GetProperty(nameof(RiskList.Status))!.SetValue(list, ListStatus.InReview);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => p.Update(Shaoxing, Content())).Kind);
    }

    [Fact]
    public void Only_the_holder_writes_a_personal_list()
    {
        var list = List(ListScope.Post, holder: 42);
        var holder = new AccessScope(1, 42, [new ResolvedGrant(Role.Staff, 10, "0001", [])]);
        var head = new AccessScope(2, 43, [new ResolvedGrant(Role.DeptHead, 10, "0001", [])]);
        var admin = new AccessScope(3, null, [new ResolvedGrant(Role.Admin, null, null, [])]);
        Assert.True(ListAuthoring.CanWrite(holder, list, "0001"));
        Assert.False(ListAuthoring.CanWrite(head, list, "0001"));
        Assert.False(ListAuthoring.CanWrite(admin, list, "0001"));
        var dept = List(ListScope.Department);
        Assert.True(ListAuthoring.CanWrite(head, dept, "00010002"));
        Assert.False(ListAuthoring.CanWrite(holder, dept, "0001"));
    }

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("2025-12-31")]
    [InlineData("2028-01-01")]
    public void A_campaign_is_due_within_its_year_or_the_next(string deadline)
    {
        var e = Assert.Throws<DomainException>(() => new Campaign("2026年度排查", 2026, Shaoxing, 1, DateOnly.Parse(deadline), null, Times.Now));
        Assert.Equal(("deadline", "2026年度排查的截止日期应在2026年或2027年内"), (e.Field, e.Message));
        Assert.Equal(new DateOnly(2027, 3, 31), new Campaign("2026年度排查", 2026, Shaoxing, 1, new DateOnly(2027, 3, 31), null, Times.Now).Deadline);
    }

    [Fact]
    public void A_campaign_is_rescheduled_or_closed_with_a_reason_and_a_closed_one_stays_closed()
    {
        var c = new Campaign("2026年度排查", 2026, Shaoxing, 1, new DateOnly(2026, 5, 31), null, Times.Now);
        Assert.Equal("reason", Assert.Throws<DomainException>(() => c.Reschedule(new DateOnly(2026, 6, 30), " ")).Field);
        Assert.Equal("deadline", Assert.Throws<DomainException>(() => c.Reschedule(new DateOnly(1900, 1, 1), "延期")).Field);
        c.Reschedule(new DateOnly(2026, 6, 30), "机构改革，延期一个月");
        Assert.Equal((new DateOnly(2026, 6, 30), "机构改革，延期一个月"), (c.Deadline, c.ChangeReason));
        Assert.Equal("reason", Assert.Throws<DomainException>(() => c.Close(null)).Field);
        c.Close("全部清单已审定");
        Assert.Equal(CampaignStatus.Closed, c.Status);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => c.Close("再次结束")).Kind);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => c.Reschedule(new DateOnly(2026, 7, 31), "延期")).Kind);
    }

    [Fact]
    public void A_campaign_creates_the_lists_its_scheme_asks_for()
    {
        CampaignPlan.UnitInfo[] units = [new(1, OrgUnitKind.Unit), new(2, OrgUnitKind.Department), new(3, OrgUnitKind.Department)];
        CampaignPlan.PostHolder[] posts = [new(10, 2, 100), new(11, 2, 101), new(12, 3, null)];

        var shaoxing = CampaignPlan.Lists(Shaoxing, units, posts);  // post lists + unit list
        Assert.Equal(3, shaoxing.Count(s => s.Scope == ListScope.Post));
        Assert.Single(shaoxing, s => s.Scope == ListScope.Unit && s.OrgUnitId == 1);

        var longsheng = CampaignPlan.Lists(Longsheng, units, posts); // personal lists + department lists + the 局本部 list
        Assert.Equal([100, 101], longsheng.Where(s => s.Scope == ListScope.Person).Select(s => s.PersonId!.Value));
        Assert.Equal([2, 3], longsheng.Where(s => s.Scope == ListScope.Department).Select(s => s.OrgUnitId));
        Assert.Single(longsheng, s => s.Scope == ListScope.Unit && s.OrgUnitId == 1);
    }

    [Fact]
    public void Rescreening_compares_this_years_points_with_last_years()
    {
        var old = List();
        var a = new RiskPoint(old, 1, Shaoxing, Content(description: "不变")); SetId(a, 1);
        var b = new RiskPoint(old, 2, Shaoxing, Content(level: "general", description: "升级")); SetId(b, 2);
        var c = new RiskPoint(old, 3, Shaoxing, Content(description: "删去")); SetId(c, 3);
        var now = List();
        var a2 = new RiskPoint(now, 1, Shaoxing, a.ToContent(), a.Id);
        var b2 = new RiskPoint(now, 2, Shaoxing, b.ToContent() with { LevelCode = "important" }, b.Id);
        var d = new RiskPoint(now, 3, Shaoxing, Content(description: "新增"));

        var diff = ScreeningDiff.Compare([a, b, c], [a2, b2, d]).ToDictionary(x => (x.Current ?? x.Previous)!.Description);
        Assert.Equal(ChangeKind.Unchanged, diff["不变"].Kind);
        Assert.Equal(ChangeKind.Changed, diff["升级"].Kind);
        Assert.True(diff["升级"].LevelChanged);
        Assert.Equal(ChangeKind.Retired, diff["删去"].Kind);
        Assert.Equal(ChangeKind.Added, diff["新增"].Kind);
    }

    [Fact]
    public void Carried_points_keep_the_level_that_counted_to_be_approved_again()
    {
        var list = List();
        var p = new RiskPoint(list, 1, Shaoxing, Content(level: "general"));
        list.Apply(Lianfang.Core.Review.Workflow.Submit(Shaoxing, list));
        p.SetApprovedLevel(Shaoxing, "important", "信访反映集中");
        var carried = p.ToContent();
        Assert.Equal("important", carried.LevelCode);
        Assert.Null(carried.ApprovedLevelCode);
    }

    [Theory]
    [InlineData(ListScope.Person, "system", false)]
    [InlineData(ListScope.Person, "morality", true)]
    [InlineData(ListScope.Department, "morality", false)]
    [InlineData(ListScope.Department, "system", true)]
    [InlineData(ListScope.Unit, "system", true)]
    [InlineData(ListScope.Unit, "efficiency", true)]
    public void Longsheng_lists_hold_only_the_risk_types_their_finders_look_for(ListScope scope, string category, bool allowed)
    {
        var list = List(scope, scope == ListScope.Person ? 7 : null, Longsheng);
        var make = () => new RiskPoint(list, 1, Longsheng, Content(category, "level2"));
        if (allowed) { make(); return; }
        var ex = Assert.Throws<DomainException>(make);
        Assert.Equal("categoryCode", ex.Field);
        Assert.Contains(scope == ListScope.Person ? "思想道德风险、岗位职责风险" : "岗位职责风险、制度机制风险", ex.Message);
    }

    [Fact]
    public void The_writer_never_sets_the_approved_level()
    {
        var ex = Assert.Throws<DomainException>(() => new RiskPoint(List(), 1, Shaoxing, Content(level: "general") with { ApprovedLevelCode = "important" }));
        Assert.Equal("approvedLevelCode", ex.Field);
    }

    [Fact]
    public void The_approved_level_is_set_in_review_with_a_reason_when_it_differs_from_the_self_assessed_one()
    {
        var list = List();
        var p = new RiskPoint(list, 1, Shaoxing, Content(level: "general"));
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => p.SetApprovedLevel(Shaoxing, "important", "x")).Kind); // still a draft
        list.Apply(Lianfang.Core.Review.Workflow.Submit(Shaoxing, list));
        Assert.Equal("levels.reason", Assert.Throws<DomainException>(() => p.SetApprovedLevel(Shaoxing, "important", null)).Field);
        Assert.Equal("levels.levelCode", Assert.Throws<DomainException>(() => p.SetApprovedLevel(Shaoxing, "level1", "x")).Field);
        Assert.Null(p.SetApprovedLevel(Shaoxing, "general", null)); // confirming 自评 changes nothing
        var change = p.SetApprovedLevel(Shaoxing, "重要", "自由裁量权较大")!;
        Assert.Equal(("审定等级", "一般", "重要", "自由裁量权较大"), (change.Field, change.Before, change.After, change.Reason));
        Assert.Equal(("general", "important", "important"), (p.LevelCode, p.ApprovedLevelCode, p.EffectiveLevelCode));
        var back = p.SetApprovedLevel(Shaoxing, "general", null)!; // back to 自评 needs no reason
        Assert.Equal(("重要", "一般"), (back.Before, back.After));
        Assert.Null(p.ApprovedLevelCode);
    }

    [Fact]
    public void A_custom_scheme_must_stay_usable()
    {
        SchemeValidator.Validate(Shaoxing with { Code = "my-copy" });
        Assert.Equal("code", Assert.Throws<DomainException>(() => SchemeValidator.Validate(Shaoxing with { Code = "我的" })).Field);
        Assert.Equal("categories", Assert.Throws<DomainException>(() => SchemeValidator.Validate(Shaoxing with { Code = "x", Categories = [] })).Field);
        var dupLevel = Shaoxing with { Code = "x", Levels = [.. Shaoxing.Levels, Shaoxing.Levels[0]] };
        Assert.Equal("levels", Assert.Throws<DomainException>(() => SchemeValidator.Validate(dupLevel)).Field);
        var badForm = Shaoxing with { Code = "x", Forms = [Shaoxing.Forms[0] with { Categories = ["nothing-such"] }] };
        Assert.Equal("forms[0].categories", Assert.Throws<DomainException>(() => SchemeValidator.Validate(badForm)).Field);
        var unreadable = Shaoxing with { Code = "x", Forms = [Shaoxing.Forms[0] with { CategoryNames = new Dictionary<string, string> { [Shaoxing.Categories[0].Code] = "读不回的名称" } }] };
        Assert.Equal("forms[0].categoryNames", Assert.Throws<DomainException>(() => SchemeValidator.Validate(unreadable)).Field);
        var badDate = Shaoxing with { Code = "x", Forms = [Shaoxing.Forms[0] with { DateLine = "填表时间：　　季度" }] };
        Assert.Equal("forms[0].dateLine", Assert.Throws<DomainException>(() => SchemeValidator.Validate(badDate)).Field);
        var badRows = Shaoxing with { Code = "x", Forms = [Shaoxing.Forms[0] with { NumberedRows = 0 }] };
        Assert.Equal("forms[0].numberedRows", Assert.Throws<DomainException>(() => SchemeValidator.Validate(badRows)).Field);
        foreach (var preset in Presets.All) SchemeValidator.Validate(preset with { Code = "copy-" + preset.Code, BuiltIn = false });
    }
}
