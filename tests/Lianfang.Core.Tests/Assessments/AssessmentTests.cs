using Lianfang.Core.Assessments;

namespace Lianfang.Core.Tests.Assessments;

public class AssessmentTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static AssessmentItem[] Scored(params int[] scores) =>
        Assessment.DefaultCriteria.Select((c, i) => new AssessmentItem(c, 25, scores[i], scores[i] < 25 ? "差距：台账不全" : null, scores[i] < 20 ? "措施未落实" : null)).ToArray();

    [Theory]
    [InlineData(new[] { 25, 23, 22, 20 }, "优秀")]
    [InlineData(new[] { 25, 20, 20, 15 }, "良好")]
    [InlineData(new[] { 15, 15, 15, 15 }, "及格")]
    [InlineData(new[] { 20, 10, 15, 14 }, "不及格")]
    public void The_annual_grade_follows_the_share_of_the_full_score(int[] scores, string grade)
    {
        var a = new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(scores), "考核组", Today);
        Assert.Equal((scores.Sum(), 100, grade), (a.Score, a.MaxScore, a.Grade));
    }

    [Fact]
    public void A_failing_unit_gets_a_notice_naming_its_shortfalls_and_nobody_else_does()
    {
        var failed = new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(20, 10, 15, 14), "考核组", Today);
        var notice = failed.RectificationNotice("示范市卫健委");
        Assert.Contains("不及格", notice);
        Assert.Contains("得分 10/25", notice);
        Assert.Contains("措施未落实", notice);
        var good = new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(25, 25, 25, 25), "考核组", Today);
        Assert.Throws<DomainException>(() => good.RectificationNotice("示范市卫健委"));
    }

    [Fact]
    public void A_quarterly_self_check_has_a_quarter_a_gap_analysis_where_points_are_lost_and_no_grade()
    {
        Assert.Equal("quarter", Assert.Throws<DomainException>(() => new Assessment(9, 2026, AssessmentKind.Quarterly, null, Scored(25, 25, 25, 25), "党办", Today)).Field);
        var items = Scored(25, 20, 25, 25);
        items[1] = items[1] with { Gap = null };
        Assert.Equal("items[1].gap", Assert.Throws<DomainException>(() => new Assessment(9, 2026, AssessmentKind.Quarterly, 3, items, "党办", Today)).Field);
        var q = new Assessment(9, 2026, AssessmentKind.Quarterly, 3, Scored(25, 20, 25, 25), "党办", Today);
        Assert.Null(q.Grade);
        Assert.Equal(95, q.Score);
        Assert.Equal("items[0].score", Assert.Throws<DomainException>(() => new Assessment(9, 2026, AssessmentKind.Annual, null, Scored(26, 20, 20, 20), "考核组", Today)).Field);
    }
}
