using Lianfang.Core.Supervision;

namespace Lianfang.Core.Tests.Supervision;

public class WarningRulesTests
{
    private static readonly DateOnly Today = new(2026, 7, 1);

    [Fact]
    public void A_rectification_is_due_soon_then_overdue_and_nothing_once_submitted_or_verified()
    {
        RectificationFact R(int deadlineInDays, RectificationStatus s = RectificationStatus.Open) =>
            new(1, 9, "建立采购台账", "财务处 赵强", Today.AddDays(deadlineInDays), s);
        Assert.Empty(WarningRules.Rectifications([R(30)], Today, 7));
        Assert.Equal(WarningRules.RectificationDueSoon, Assert.Single(WarningRules.Rectifications([R(7)], Today, 7)).Rule);
        Assert.Equal(WarningRules.RectificationDueSoon, Assert.Single(WarningRules.Rectifications([R(0)], Today, 7)).Rule);
        var overdue = Assert.Single(WarningRules.Rectifications([R(-3)], Today, 7));
        Assert.Equal((WarningRules.RectificationOverdue, "财务处 赵强"), (overdue.Rule, overdue.Assignee));
        Assert.Contains("3 天", overdue.Message);
        Assert.Empty(WarningRules.Rectifications([R(-3, RectificationStatus.Submitted), R(-3, RectificationStatus.Verified)], Today, 7));
    }

    [Theory]
    [InlineData("2026-03-01", 0, false)] // early in the year nothing is due yet
    [InlineData("2026-07-02", 0, true)]  // past mid-year one inspection is due
    [InlineData("2026-07-02", 1, false)]
    [InlineData("2026-12-31", 1, true)]  // by year end two
    [InlineData("2026-12-31", 2, false)]
    public void A_leader_is_short_when_inspections_lag_the_share_of_the_year(string day, int done, bool fires)
    {
        var fact = new LeaderPointFact(5, 9, "资金拨付中优亲厚友", "孙伟", done, 2);
        Assert.Equal(fires, WarningRules.LeaderInspections([fact], DateOnly.Parse(day)).Any());
    }

    [Theory]
    [InlineData(2026, "2026-07-02", 1)] // the year under way: its share so far
    [InlineData(2025, "2026-07-02", 2)] // a year gone by: all of them
    [InlineData(2027, "2026-07-02", 0)] // a year to come: none yet
    [InlineData(2026, "2026-01-01", 0)]
    public void Inspections_due_count_the_share_of_the_year_gone_by_and_all_of_a_past_year(int year, string today, int due) =>
        Assert.Equal(due, WarningRules.InspectionsDue(2, year, DateOnly.Parse(today)));

    [Fact]
    public void An_important_point_without_project_supervision_fires_until_one_exists()
    {
        Assert.Single(WarningRules.ImportantPoints([new ImportantPointFact(5, 9, "工程招标", "重要", false)]));
        Assert.Empty(WarningRules.ImportantPoints([new ImportantPointFact(5, 9, "工程招标", "重要", true)]));
    }

    [Fact]
    public void Unsubmitted_lists_fire_when_the_deadline_is_near_or_past()
    {
        OpenListFact L(int days) => new(3, 9, "财务处 · 王芳（岗位清单）", Today.AddDays(days), "王芳（本人填写）");
        Assert.Empty(WarningRules.OpenLists([L(8)], Today, 7));
        Assert.Contains("还有 7 天", Assert.Single(WarningRules.OpenLists([L(7)], Today, 7)).Message);
        Assert.Contains("已过排查截止日期 2 天", Assert.Single(WarningRules.OpenLists([L(-2)], Today, 7)).Message);
        // a unit running two campaigns at once is told which one
        Assert.StartsWith("【2026年度廉洁风险排查】财务处", Assert.Single(WarningRules.OpenLists([L(-2) with { Campaign = "2026年度廉洁风险排查" }], Today, 7)).Message);
    }

    [Fact]
    public void Complaints_concentrate_on_a_point_or_a_person_within_the_window()
    {
        var now = new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc);
        ComplaintFact C(int id, int daysAgo, long? point, int? person) => new(id, 9, point, "报销审核", person, "王芳", now.AddDays(-daysAgo), 3, 30);
        Assert.Empty(WarningRules.Complaints([C(1, 1, 7, null), C(2, 2, 7, null)], now));
        var fired = WarningRules.Complaints([C(1, 1, 7, 4), C(2, 2, 7, 4), C(3, 29, 7, 4), C(4, 40, 7, 4)], now).ToList();
        Assert.Equal([("RiskPoint", 7L), ("Person", 4L)], fired.Select(f => (f.TargetType, f.TargetId)));
        Assert.Contains("3 件", fired[0].Message);
        Assert.Empty(WarningRules.Complaints([C(1, 31, 7, 4), C(2, 32, 7, 4), C(3, 33, 7, 4)], now)); // all outside the window
    }

    [Fact]
    public void A_key_post_not_rerated_for_three_years_fires()
    {
        Assert.Empty(WarningRules.KeyPosts([new PostRatingFact(2, 9, "国库科科长", Today.AddYears(-3), 3)], Today));
        Assert.Single(WarningRules.KeyPosts([new PostRatingFact(2, 9, "国库科科长", Today.AddYears(-3).AddDays(-1), 3)], Today));
    }

    [Fact]
    public void A_change_of_post_flags_the_person_until_their_points_are_approved_again()
    {
        var changed = new DateTime(2026, 6, 20, 3, 0, 0, DateTimeKind.Utc);
        Assert.Single(WarningRules.PostChanges([new PostChangeFact(4, 9, "王芳", "出纳", changed, null)]));
        Assert.Single(WarningRules.PostChanges([new PostChangeFact(4, 9, "王芳", "出纳", changed, changed.AddHours(-1))])); // approved earlier that day
        Assert.Empty(WarningRules.PostChanges([new PostChangeFact(4, 9, "王芳", "出纳", changed, changed.AddMinutes(5))]));
    }

    [Fact]
    public void A_power_without_points_or_a_top_level_step_without_supervision_fires()
    {
        Assert.Equal(WarningRules.PowerWithoutRiskPoint, Assert.Single(WarningRules.Powers([new PowerFact(1, 9, "执业许可", 0, [])])).Rule);
        var step = Assert.Single(WarningRules.Powers([new PowerFact(1, 9, "执业许可", 2, ["审查"])]));
        Assert.Equal(WarningRules.StepWithoutSupervision, step.Rule);
        Assert.Contains("“审查”", step.Message);
        Assert.Empty(WarningRules.Powers([new PowerFact(1, 9, "执业许可", 2, [])]));
    }

    [Fact]
    public void Reconciling_raises_new_warnings_keeps_known_ones_and_clears_the_rest_and_is_idempotent()
    {
        var t0 = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var rules = new HashSet<string> { WarningRules.RectificationOverdue };
        var a = new Fired(WarningRules.RectificationOverdue, "Rectification", 1, 9, "逾期 1 天", "赵强");
        var b = new Fired(WarningRules.RectificationOverdue, "Rectification", 2, 9, "逾期 1 天", "赵强");
        var active = Warning.Reconcile([], [a, b], rules, t0);
        Assert.Equal(2, active.Count);

        var other = new Warning(new Fired(WarningRules.ImportantWithoutProject, "RiskPoint", 5, 9, "未立项", "党办"), t0);
        var t1 = t0.AddDays(1);
        var raised = Warning.Reconcile([.. active, other], [a with { Message = "逾期 2 天" }], rules, t1);
        Assert.Empty(raised);
        Assert.Equal("逾期 2 天", active[0].Message);
        Assert.True(active[0].IsActive);
        Assert.Equal(t1, active[1].ClearedAt);
        Assert.True(other.IsActive); // a rule not evaluated this time is left alone

        Assert.Empty(Warning.Reconcile([.. active, other], [a with { Message = "逾期 2 天" }], rules, t1));
        Assert.Equal(t1, active[1].ClearedAt);
    }

    // ---- periodic duties the schemes state ----

    private static PeriodFact P(int year, int period, bool done) => new(7, "卫健委", "方案", year, period, done);

    [Theory]
    [InlineData("2026-02-27", false, false)] // more than a month before the end of Q1
    [InlineData("2026-03-01", false, true)]  // due within the month
    [InlineData("2026-04-02", false, true)]  // overdue
    [InlineData("2026-04-02", true, false)]  // done
    public void The_annual_rescreening_is_due_by_the_end_of_its_quarter(string day, bool done, bool fires)
    {
        var today = DateOnly.Parse(day);
        var fired = WarningRules.Rescreening([P(2026, 1, done)], today).ToList();
        Assert.Equal(fires, fired.Count == 1);
        if (fires) Assert.Contains(today.Month == 4 ? "已逾期 2 天" : "尚未完成", fired[0].Message);
        // the first year's own deadline (000: 2018年5月底前)
        Assert.DoesNotContain(WarningRules.Rescreening([P(2018, 1, false)], new DateOnly(2018, 4, 15), new DateOnly(2018, 5, 31)), f => f.Message.Contains("逾期"));
        Assert.Contains("已逾期 1 天", Assert.Single(WarningRules.Rescreening([P(2018, 1, false)], new DateOnly(2018, 6, 1), new DateOnly(2018, 5, 31))).Message);
    }

    [Fact]
    public void The_annual_revision_and_assessment_are_reminded_in_december_and_a_past_years_assessment_is_overdue()
    {
        Assert.Empty(WarningRules.Revision([P(2026, 0, false)], new DateOnly(2026, 11, 30)));
        Assert.Equal(WarningRules.RevisionDue, Assert.Single(WarningRules.Revision([P(2026, 0, false)], new DateOnly(2026, 12, 1))).Rule);
        Assert.Empty(WarningRules.Revision([P(2026, 0, true)], new DateOnly(2026, 12, 1)));
        Assert.Empty(WarningRules.Assessments([P(2026, 0, false)], new DateOnly(2026, 11, 30)));
        Assert.Contains("尚未进行", Assert.Single(WarningRules.Assessments([P(2026, 0, false)], new DateOnly(2026, 12, 1))).Message);
        Assert.Contains("2025年度", Assert.Single(WarningRules.Assessments([P(2025, 0, false), P(2026, 0, false)], new DateOnly(2026, 3, 1))).Message);
    }

    [Fact]
    public void A_quarter_without_its_self_assessment_and_a_half_year_without_a_spot_check_are_flagged()
    {
        Assert.Contains("第3季度", Assert.Single(WarningRules.SelfAssessments([P(2026, 3, false), P(2026, 2, true)])).Message);
        Assert.Contains("下半年", Assert.Single(WarningRules.SpotChecks([P(2025, 2, false)])).Message);
        Assert.Empty(WarningRules.SpotChecks([P(2026, 1, true)]));
    }

    [Theory]
    [InlineData("2026-09-30", 2026, false)] // the year still has time
    [InlineData("2026-10-01", 2026, true)]  // the last quarter: reminded
    [InlineData("2026-02-01", 2025, true)]  // last year's point was never supervised
    public void An_approved_point_is_supervised_by_its_supervisor_within_its_year(string day, int year, bool fires)
    {
        var fact = new SupervisedPointFact(5, 7, "资金拨付", "主要领导 陈刚", year, Supervised: false);
        var fired = WarningRules.Supervised([fact, fact with { PointId = 6, Supervised = true }], DateOnly.Parse(day)).ToList();
        Assert.Equal(fires ? 1 : 0, fired.Count);
        if (fires) Assert.Equal(("主要领导 陈刚", 5L), (fired[0].Assignee, fired[0].TargetId));
    }

    [Fact]
    public void An_approved_list_not_yet_published_reminds_the_party_office()
    {
        var f = Assert.Single(WarningRules.Unpublished([new UnpublishedFact(3, 7, "财务处（处室清单）", new DateOnly(2026, 11, 2))]));
        Assert.Equal((WarningRules.NotPublished, "RiskList", "本单位党办"), (f.Rule, f.TargetType, f.Assignee));
        Assert.Contains("2026-11-02 审定", f.Message);
    }

    [Fact]
    public void A_person_without_the_years_integrity_talk_is_reminded_in_the_last_quarter_and_flagged_after()
    {
        var fact = new TalkFact(3, 7, "王芳", "卫健委", 2026, Talked: false);
        Assert.Empty(WarningRules.Talks([fact], new DateOnly(2026, 9, 30)));
        Assert.Contains("尚未进行廉政谈话", Assert.Single(WarningRules.Talks([fact], new DateOnly(2026, 10, 1))).Message);
        Assert.Contains("2026年度未进行廉政谈话", Assert.Single(WarningRules.Talks([fact], new DateOnly(2027, 1, 5))).Message);
        Assert.Empty(WarningRules.Talks([fact with { Talked = true }], new DateOnly(2027, 1, 5)));
    }

    [Fact]
    public void A_failing_unit_not_visited_within_the_days_of_its_notice_is_flagged()
    {
        var fact = new FollowUpFact(9, 7, "卫健委", 2026, new DateOnly(2026, 12, 1), FollowedUp: false, Days: 30);
        Assert.Empty(WarningRules.FollowUps([fact], new DateOnly(2026, 12, 30)));
        Assert.Contains("已下达 30 天", Assert.Single(WarningRules.FollowUps([fact], new DateOnly(2026, 12, 31))).Message);
        Assert.Empty(WarningRules.FollowUps([fact with { FollowedUp = true }], new DateOnly(2027, 2, 1)));
    }
}
