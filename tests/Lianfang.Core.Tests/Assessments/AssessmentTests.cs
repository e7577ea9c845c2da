using Lianfang.Core.Assessments;
using Lianfang.Core.Schemes;

namespace Lianfang.Core.Tests.Assessments;

public class AssessmentTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly AssessmentDef Longsheng = Presets.Find("longsheng-2012")!.Assessment!;

    private static AssessmentItem[] Scored(params int[] scores) =>
        [.. Assessment.ScoreItems(Longsheng, scores.Select(s => ((int?)s, s < 25 ? "差距：台账不全" : null, s < 20 ? "措施未落实" : (string?)null)).ToList())];

    [Fact]
    public void The_standards_are_the_schemes_each_scored_once_in_its_order()
    {
        var items = Scored(25, 20, 25, 25);
        Assert.Equal(Longsheng.Criteria.Select(c => (c.Text, c.Max)), items.Select(i => (i.Criterion, i.Max)));
        Assert.StartsWith("廉政风险防范管理工作领导重视", items[0].Criterion);
        var e = Assert.Throws<DomainException>(() => Assessment.ScoreItems(Longsheng, [(25, null, null)]));
        Assert.Equal(("items", "请按 4 项考核标准逐项评分"), (e.Field, e.Message));
        // a unit's own copy with other standards and points is scored against those
        var own = Longsheng with { Criteria = [new() { Text = "责任落实", Max = 60 }, new() { Text = "群众满意", Max = 40 }] };
        var a = new Assessment(9, 2026, AssessmentKind.Annual, null, Assessment.ScoreItems(own, [(50, null, null), (30, null, null)]), "考核组", Today, Times.Now);
        Assert.Equal((80, 100, "良好"), (a.Score, a.MaxScore, a.Grade));
        Assert.Equal("items[0].score", Assert.Throws<DomainException>(() =>
            new Assessment(9, 2026, AssessmentKind.Annual, null, Assessment.ScoreItems(own, [(61, null, null), (30, null, null)]), "考核组", Today, Times.Now)).Field);
    }

    [Fact]
    public void A_post_is_evaluated_only_at_year_end_with_its_holder_and_its_failing_grade_brings_no_unit_notice()
    {
        var post = new AssessedPost(5, "会计", 7, "王芳");
        Assert.Equal("kind", Assert.Throws<DomainException>(() => new Assessment(9, 2026, AssessmentKind.Quarterly, 4, Scored(25, 25, 25, 25), "领导小组", Today, Times.Now, post: post)).Field);
        var a = new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(20, 10, 15, 14), "领导小组", Today, Times.Now, post: post);
        Assert.Equal((5, "会计", 7, "王芳", "不及格"), (a.PostId, a.PostName, a.PersonId, a.PersonName, a.Grade));
        Assert.False(a.NeedsRectification);
    }

    [Theory]
    [InlineData(new[] { 25, 23, 22, 20 }, "优秀")]
    [InlineData(new[] { 25, 20, 20, 15 }, "良好")]
    [InlineData(new[] { 15, 15, 15, 15 }, "及格")]
    [InlineData(new[] { 20, 10, 15, 14 }, "不及格")]
    public void The_annual_grade_follows_the_share_of_the_full_score(int[] scores, string grade)
    {
        var a = new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(scores), "考核组", Today, Times.Now);
        Assert.Equal((scores.Sum(), 100, grade), (a.Score, a.MaxScore, a.Grade));
    }

    [Fact]
    public void A_failing_unit_gets_a_notice_naming_its_shortfalls_and_nobody_else_does()
    {
        var failed = new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(20, 10, 15, 14), "考核组", Today, Times.Now);
        var notice = failed.RectificationNotice("示范市卫健委");
        Assert.Contains("不及格", notice);
        Assert.Contains("得分 10/25", notice);
        Assert.Contains("措施未落实", notice);
        Assert.Contains("（得分 10/25）：差距：差距：台账不全；措施未落实", notice); // the gap analysis, not only the standard
        var good = new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(25, 25, 25, 25), "考核组", Today, Times.Now);
        Assert.Throws<DomainException>(() => good.RectificationNotice("示范市卫健委"));
    }

    [Fact]
    public void A_quarterly_self_check_has_a_quarter_a_gap_analysis_where_points_are_lost_and_no_grade()
    {
        Assert.Equal("quarter", Assert.Throws<DomainException>(() => new Assessment(9, 2026, AssessmentKind.Quarterly, null, Scored(25, 25, 25, 25), "党办", Today, Times.Now)).Field);
        var items = Scored(25, 20, 25, 25);
        items[1] = items[1] with { Gap = null };
        Assert.Equal("items[1].gap", Assert.Throws<DomainException>(() => new Assessment(9, 2026, AssessmentKind.Quarterly, 3, items, "党办", Today, Times.Now)).Field);
        var q = new Assessment(9, 2026, AssessmentKind.Quarterly, 3, Scored(25, 20, 25, 25), "党办", Today, Times.Now);
        Assert.Null(q.Grade);
        Assert.Equal(95, q.Score);
        Assert.Equal("items[0].score", Assert.Throws<DomainException>(() => new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(26, 20, 20, 20), "考核组", Today, Times.Now)).Field);
    }
}
